package p
deny[msg] { msg := "x"; input.a[i] == 1 }
