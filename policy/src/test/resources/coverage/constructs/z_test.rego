package z

test_none if {
	not a
	not b
	not c with input as {"kind": "x"}
}
