package v

f(x) := 1 if {
	x.name == "n"
	true
}

g(x) := 1 if {
	x.name == "n"
	true
}

h(x) := 1 if {
	startswith(x.name, "n")
}

k(x) := 1 if {
	x.name != "n"
}
