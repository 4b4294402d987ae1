package z

a if {
	count(data.cfg.list) > 0
}

b if {
	data.cfg.mode == "strict"
}

c if {
	input.kind == "x"
	data.cfg.flag
}
