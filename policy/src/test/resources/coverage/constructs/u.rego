package u

shape := {
	"kind": input.kind,
	"n": count(input.items),
} if {
	input.kind
}

first_big contains i if {
	some i
	input.items[i] > 10
}

not_prefixed if {
	not startswith(input.name, input.prefix)
}

has_a if "a" in input.tags

has_key if {
	some k, _ in input.obj
	k == "z"
}

nonempty if count(input.items) > 0

upper_name := upper(input.name)

lower_of(s) := lower(s)

mocked_upper if upper("x") == "MOCK"

chain := input.a.b[0].c
