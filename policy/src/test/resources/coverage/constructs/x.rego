package x

grade(n) := "a" if {
	n > 90
} else := "b" if {
	n > 80
} else := "c"

all_positive if {
	every v in input.values {
		v > 0
	}
}

names := [n | some item in input.items; n := item.name]

by_name[name] := item if {
	some item in input.items
	name := item.name
}

counts := {k: count(v) |
	some k, v in input.groups
}

default size(_) := 0

size(s) := count(s) if is_string(s)

long_call := concat(
	"-",
	["a", input.tag],
)

deny contains msg if {
	some item in input.items
	not startswith(item.name, "ok")
	msg := sprintf("bad %s", [item.name])
}

deny contains "no items" if count(object.get(input, "items", [])) == 0

allow if {
	input.user == "admin"
}

allow if {
	input.role == "owner"
}

tagged if input.tag
