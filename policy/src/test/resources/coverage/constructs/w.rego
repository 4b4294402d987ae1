package w

kind(x) := "small" if {
	x.size < 10
}

kind(x) := "named" if {
	x.name == "n"
	true
}

label(s) := "a" if {
	s == "a"
	true
}

label(s) := "b" if {
	s == "b"
	true
}

checked if {
	every v in input.values {
		v > 0
	}
}

neg if {
	not input.off with input.off as false
}

tally := sum([x |
	some x in input.nums
	x > 1
])
