package y.lib

double(x) := x * 2

unused(x) := x
