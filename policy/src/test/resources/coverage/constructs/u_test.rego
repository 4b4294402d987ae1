package u

mock_upper(_) := "MOCK"

test_u if {
	shape.n == 2 with input as {"kind": "k", "items": [1, 20]}
	first_big == {1} with input as {"kind": "k", "items": [1, 20]}
	not_prefixed with input as {"name": "abc", "prefix": "x"}
	not not_prefixed with input as {"name": "abc"}
	has_a with input as {"tags": ["a"]}
	not has_key with input as {"obj": {"y": 1}}
	not nonempty with input as {"items": []}
	upper_name == "N" with input as {"name": "n"}
	lower_of("A") == "a"
	mocked_upper with upper as mock_upper
	chain == 1 with input as {"a": {"b": [{"c": 1}]}}
}
