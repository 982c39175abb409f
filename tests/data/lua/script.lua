-- Lua on Osprey: what tests/boot/lua.sh feeds to `lua -` on the console,
-- its output compared line for line with the host's `lua5.4 -` (TZ=UTC).
-- Times vary: only facts derived from them are printed.  Every line
-- between the two markers counts; the markers are built at run time so
-- that the console's echo of this text never matches them.
print(("="):rep(3) .. " lua script " .. ("="):rep(3))

-- Tables: arrays, records, nesting, the library, a metatable.
local t = { 10, 20, 30, n = "three", nested = { x = 1, y = { z = "deep" } } }
table.insert(t, 40)
table.insert(t, 1, 5)
print("len", #t, "removed", table.remove(t), "concat", table.concat(t, ","))
print("nested", t.n, t.nested.x, t.nested.y.z)
local words = { "pear", "apple", "fig", "banana", "cherry" }
table.sort(words)
print("sorted", table.concat(words, " "))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print("by length", table.concat(words, " "))
print("unpack", table.unpack({ 1, 2, 3 }, 2))
print("move", table.concat(table.move({ 1, 2, 3 }, 1, 3, 2, { 0 }), ","))
local keys = {}
for k in pairs({ alpha = 1, beta = 2, gamma = 3, delta = 4 }) do
  keys[#keys + 1] = k
end
table.sort(keys)      -- pairs' order is the hash's: sort it
print("keys", table.concat(keys, " "))
local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, Vec) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__tostring = function(v) return "(" .. v.x .. ", " .. v.y .. ")" end
Vec.__len = function(v) return math.sqrt(v.x * v.x + v.y * v.y) end
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
local v = Vec.new(1, 2) + Vec.new(2, 2)
print("vector", tostring(v), #v, v == Vec.new(3, 4), rawequal(v, Vec.new(3, 4)))

-- String patterns.
local s = "The quick brown fox jumps over the lazy dog 42 times, 3.5 km"
print("find", s:find("(%a+) fox"))
print("match", s:match("(%d+) times, ([%d.]+) (%a+)"))
local caps = {}
for w in s:gmatch("%f[%a]%a%a%a%a%a%f[%A]") do caps[#caps + 1] = w end
print("five-letter words", table.concat(caps, ","))
print("gsub", (s:gsub("(%w+) (%w+)", "%2 %1", 2)))
print("gsub count", select(2, s:gsub("o", "0")))
print("gsub fn", ("x=1, y=22, z=333"):gsub("(%w)=(%d+)", function(k, n)
  return k:upper() .. "=" .. #n
end))
print("balanced", ("f(a(b)c) g(d)"):match("%b()"))
print("anchored", ("  trim me  "):match("^%s*(.-)%s*$") .. "|")
print("char classes", ("a1_B2-c3"):gsub("[%w_]", "."))
print("bytes", ("Lua"):byte(1, -1))
print("char", string.char(79, 115, 112, 114, 101, 121))
print("rep", ("ab"):rep(3, "-"), ("x"):rep(0) == "")
print("upper", ("osprey"):upper(), ("MiXeD"):lower(), ("abc"):reverse())
print("sub", ("hello world"):sub(-5), ("hello"):sub(2, 3))

-- string.format, numbers and their conversions.
print(string.format("%.3f", math.pi))
print(string.format("%5.2f|%-6d|%+d|%05d|%x|%X|%o", 2.5, 42, 7, -42, 255, 3054, 8))
print(string.format("%g %g %g %g", 1e20, 0.1, 123456789, 1e-5))
print(string.format("%10.4s|%-10s|%q", "truncate", "left", "tab\tquote\"nl\n"))
print(string.format("%q %q", 1 / 3, math.mininteger))
print(string.format("%e %.0f %.10g %a", 12345.678, 2.5, 2 / 3, 1.0))
print(7 // 2, 7 / 2, 7 % 3, -7 // 2, -7 % 3, 2 ^ 10, 7.5 // 2)
print(0.1 + 0.2, 1e15, 1e16, 2 ^ 53, 2 ^ 63, math.maxinteger, math.mininteger)
print(3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 62, 256 >> 4)
print(math.type(1), math.type(1.0), math.type("1"), math.tointeger(3.0))
print(tonumber("0x1F"), tonumber("  12  "), tonumber("1e2"), tonumber("z", 36),
      tonumber("nope"), tonumber("0x1p4"))
print(math.floor(-3.5), math.ceil(-3.5), math.abs(-4), math.max(3, 9, 2),
      math.fmod(7, 3), math.sqrt(2), math.exp(1), math.log(8, 2))
print(string.format("%.6f %.6f %.6f", math.sin(1), math.cos(1), math.atan(1, 2)))
print(10 == 10.0, "10" == 10, 1 < 2, "a" < "b", math.ult(1, -1))
print(#"utf8: ü", utf8.len("utf8: ü"), utf8.char(72, 233, 8364),
      utf8.codepoint("é", 1))
print(string.pack(">I2", 0x4142), string.unpack("<i4", "\1\0\0\0"))

-- Closures: counters with their own state, shared upvalues.
local function counter(step)
  local n = 0
  return function() n = n + step; return n end
end
local c1, c2 = counter(1), counter(10)
c1(); c1(); c2()
print("counters", c1(), c2())
local get, set
do
  local shared = "first"
  get = function() return shared end
  set = function(x) shared = x end
end
set("second")
print("shared upvalue", get())
local fns = {}
for i = 1, 3 do fns[i] = function() return i * i end end
print("loop closures", fns[1](), fns[2](), fns[3]())
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(20))
local function sum(...)
  local total = 0
  for _, x in ipairs({ ... }) do total = total + x end
  return total, select("#", ...)
end
print("varargs", sum(1, 2, 3, 4))

-- Coroutines: a generator, status, wrap, values in and out.
local gen = coroutine.create(function(a, b)
  local got = coroutine.yield(a + b)
  for i = 1, 3 do got = coroutine.yield(got * i) end
  return "finished"
end)
print("resume", coroutine.resume(gen, 2, 3))
print("resume", coroutine.resume(gen, 10))
print("resume", coroutine.resume(gen, 10))
print("resume", coroutine.resume(gen, 10))
print("resume", coroutine.resume(gen))
print("status", coroutine.status(gen), coroutine.resume(gen))
local evens = coroutine.wrap(function()
  for i = 2, 10, 2 do coroutine.yield(i) end
end)
local got = {}
for _ = 1, 5 do got[#got + 1] = evens() end
print("wrap", table.concat(got, " "))
print("running", coroutine.isyieldable(), select(2, coroutine.running()))
local co = coroutine.wrap(function()
  local ok, err = pcall(function()
    coroutine.yield("yield inside pcall")
    error("after the yield")
  end)
  coroutine.yield(ok, err)
end)
print(co())
print(co())

-- Errors: pcall and xpcall, string and table errors, levels.
print("pcall", pcall(error, "plain"))
print("pcall", pcall(function() error("with position") end))
print("pcall", pcall(function() error("level 0", 0) end))
print("pcall", pcall(function() local x = nil; return x.field end))
print("pcall", pcall(function() return 1 + {} end))
local ok, e = pcall(error, { code = 42 })
print("table error", ok, type(e), e.code)
print("xpcall", xpcall(function() error("handled") end,
  function(m) return "handler saw: " .. m end))
print("error in handler", select("#", xpcall(error, function() error("again") end)))
print("assert", pcall(assert, false, "assertion message"))
print("assert", pcall(assert, nil))
print("tostring nil", tostring(nil), tostring(true), tostring(12), tostring(1.5))
print("load", load("return 6 * 7")(), load("syntax error here"))
-- Recursion through C (string.gsub calling back) to Lua's own limit of
-- 200 C levels: an error Lua raises, not a stack overflow of the guest.
local function deep(n)
  return (("x"):gsub("x", function() return deep(n + 1) end))
end
local deep_ok, deep_err = pcall(deep, 1)
print("C levels", deep_ok, deep_err:match("C stack overflow$"))

-- The operating system's parts: times, clocks, dates, files.
local now = os.time()
print("os.time is an integer", math.type(now))
print("os.time after 2023", now > 1.7e9)
local c0 = os.clock()
local x = 0
for i = 1, 200000 do x = x + i % 7 end
local c1 = os.clock()
print("os.clock is a float", math.type(c0), "not negative", c0 >= 0,
      "does not go back", c1 >= c0)
print("difftime", os.difftime(now + 90, now))
print("date", os.date("!%Y-%m-%d %H:%M:%S", 0), os.date("!%A %B %j", 86400 * 59))
print("os.time of a date", os.time({ year = 2000, month = 1, day = 1, hour = 0 }))
local d = os.date("!*t", 1700000000)
print("date table", d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday)
print("io.open", io.open("/no/such/file.txt"))
print("io.open for writing", io.open("/no/such/dir/new.txt", "w"))
print("io.lines", pcall(io.lines, "/no/such/file.txt"))
print("os.remove", os.remove("/no/such/file.txt"))
print("io.type", io.type(io.stdout), io.type(42))

-- io.write: strings and numbers, no newline of its own.
io.write("io.write ", 1, " ", 2.5, " ", -0.0, " ", 2 ^ 63, "\n")
io.write("several ", "pieces ")
io.write("on one line\n")
io.stdout:write("io.stdout:write ", string.format("%d%%", 100), "\n")

-- Garbage collection and weak tables.
local weak = setmetatable({}, { __mode = "k" })
weak[{}] = true
collectgarbage()
print("weak table emptied", next(weak) == nil)
print("gc count is a number", type(collectgarbage("count")) == "number")
print(("="):rep(3) .. " end " .. ("="):rep(3))
