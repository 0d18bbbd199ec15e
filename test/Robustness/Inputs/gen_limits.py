"""Writes the inputs of limits.test into the directory given as argv[1]."""
import os
import sys

out = sys.argv[1]
N = 10000


def write(name, text):
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


write("paren.stn", "fn main() {\n    x := " + "(" * N + "1" + ")" * N + "\n    println(x)\n}\n")
# The error shows 100 bytes on each side of the caret, cut with "...".
write("paren.expected", "paren.stn:2:1009: error: nesting is too deep (more than 1000 levels)\n"
      + "..." + "(" * 200 + "...\n" + " " * 103 + "^\n")
write("block.stn", "fn main() {\n" + "{" * N + "}" * N + "\n}\n")
write("calls.stn", "fn f(x int) int { return x }\nfn main() {\n    x := " + "f(" * N + "1" + ")" * N
      + "\n    println(x)\n}\n")
write("targs.stn", "type T[X any] struct { x X }\nfn main() {\n    var v " + "T[" * N + "int" + "]" * N
      + "\n    _ = v\n}\n")
D = 900
write("deep-ok.stn", "type T[X any] struct { x X }\nfn f(x int) int { return x }\nfn main() {\n"
      + "    var v " + "T[" * D + "int" + "]" * D + "\n    _ = v\n"
      + "    " + "{" * D + "}" * D + "\n"
      + "    println(" + "f(" * D + "900" + ")" * D + ")\n"
      + "    println(" + "(" * D + "1" + ")" * D + ")\n}\n")
write("binop.stn", "fn main() {\n    x := 1" + " + 1" * 100000 + "\n    println(x)\n}\n")
write("bigint.stn", "fn main() {\n    x := " + "9" * 100000 + "\n    println(x)\n}\n")
write("bigfloat.stn", "fn main() {\n    x := 1" + "0" * 100000 + ".5\n    println(x)\n}\n")
write("bigstr.stn", 'fn main() {\n    s := "' + "a" * 10000000 + '"\n    println(len(s))\n}\n')
write("longline.stn", "fn main() { x := 0; " + "x += 1; " * 500000 + "println(x) }\n")
write("longline-error.stn", "fn main() { x := 0; " + "x = 1; " * 250 + 'y := "é" + 1; '
      + "x = 2; " * 250 + "_ = y }\n")
with open(os.path.join(out, "big.stn"), "w") as f:
    f.write("fn main() {\n    println(f1(1))\n}\n")
    i, n = 0, 0
    while n < 100 * 1024 * 1024:
        line = "fn f%d(x int) int { return x * %d + 1 }\n" % (i, i)
        f.write(line)
        n += len(line)
        i += 1
for i in range(N):
    write("many/m/m%05d.stn" % i, "pub fn f%d() int { return %d }\n" % (i, i))
write("many/main.stn", "".join('import "m/m%05d"\n' % i for i in range(N))
      + "fn main() {\n    var t int = 0\n"
      + "".join("    t += m%05d.f%d()\n" % (i, i) for i in range(N)) + "    println(t)\n}\n")
