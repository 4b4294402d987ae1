package w

test_kind if {
	kind({"size": 1}) == "small"
	label("b") == "b"
	not checked
	neg
	tally == 5 with input as {"nums": [1, 2, 3]}
}
