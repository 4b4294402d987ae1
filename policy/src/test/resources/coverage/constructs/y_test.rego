package y

test_conf if {
	conf.x == 1 with input as {"x": 1}
	a.b.c == 1
}

test_check if {
	check(2) == 4
	not check(-1)
}

test_checked if {
	checked with input as {"x": 1, "y": 1, "name": "good"}
	not checked with input as {"x": 1, "y": 2, "name": "bad"}
}

test_member if {
	member with input as {"obj": {"a": "v"}}
}

test_mock if {
	mocked with triple as 7
}

test_nested if {
	count(nested) == 2 with input as {"xs": [1, 2]}
}

test_unify if {
	unify with input as {"pair": [1, 1]}
	not unify with input as {"pair": [1, 2]}
}
