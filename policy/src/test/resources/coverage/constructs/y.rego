package y

import data.y.lib

a.b.c := 1

conf := {
	"x": input.x,
	"y": 2,
}

check(v) := lib.double(v) if v > 0

triple(v) := v * 3

checked if {
	print("checking", input.x)
	not contains(upper(input.name), "BAD")
	input.x == input.y
}

member if {
	some k, "v" in input.obj
	k == "a"
}

mocked if triple(2) == 7

nested := [y |
	some x in input.xs
	y := {
		"v": x,
		"w": lib.double(x),
	}
]

unify if {
	[p, q] = input.pair
	p == q
}

todo_test_later if false
