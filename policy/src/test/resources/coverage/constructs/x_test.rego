package x

test_grade if {
	grade(95) == "a"
	grade(85) == "b"
}

test_every if {
	all_positive with input as {"values": [1, 2]}
	not all_positive with input as {"values": [1, -2]}
}

test_names if {
	names == ["ok1", "bad"] with input as {"items": [{"name": "ok1"}, {"name": "bad"}]}
	by_name.bad.name == "bad" with input as {"items": [{"name": "ok1"}, {"name": "bad"}]}
	counts == {"g": 2} with input as {"groups": {"g": [1, 2]}}
}

test_size if {
	size(1) == 0
	size("abc") == 3
}

test_deny if {
	deny == {"bad bad"} with input as {"items": [{"name": "ok1"}, {"name": "bad"}]}
	long_call == "a-x" with input as {"tag": "x"}
}

test_allow if {
	allow with input as {"user": "admin"}
	tagged with input as {"tag": true}
}
