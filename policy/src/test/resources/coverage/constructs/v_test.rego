package v

test_v if {
	not f({"size": 1})
	g({"name": "n"}) == 1
	not h({"size": 1})
	not k({"size": 1})
}
