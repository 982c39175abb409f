# Lua 5.4, Debian 13's lua5.4 source with Debian's patches, built
# unchanged: its interpreter (lua.c, whose main() is the program's) and
# its libraries; not luac.c, the stand-alone compiler.  The source is
# fetched into the cache at build time (scripts/fetch-lua.sh), never
# committed here.
LUA_DIR := $(XENGUEST_CACHE)/lua5.4
LUA_STAMP := $(LUA_DIR)/.osprey-unpacked
LUA_CORE := lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem \
	lobject lopcodes lparser lstate lstring ltable ltm lundump lvm lzio
LUA_LIBS := lauxlib lbaselib lcorolib ldblib liolib lmathlib loadlib \
	loslib lstrlib ltablib lutf8lib linit
APP_SRCS := $(patsubst %,$(LUA_DIR)/src/%.c,$(LUA_CORE) $(LUA_LIBS) lua)
# Lua's configuration: ISO C (neither LUA_USE_POSIX nor LUA_USE_C89),
# which asks the C library for nothing it lacks; LUA_USE_POSIX would ask
# for popen, sigaction and _setjmp, which give Lua nothing here (no
# processes, no signals).  LUA_COMPAT_5_3, as Debian builds it.
APP_CFLAGS := -DLUA_COMPAT_5_3
# Lua recurses in C up to LUAI_MAXCCALLS (200) levels, a string.gsub
# callback's level taking 2 KiB: 512 KiB is measured enough for the
# deepest, the rest is margin.
APP_STACK := 1048576

$(LUA_STAMP):
	$(call msg,FETCH,lua5.4)
	$(Q)scripts/fetch-lua.sh >/dev/null

# The sources exist once the stamp does (order-only: unpacking again
# must not rebuild what did not change).
$(LUA_DIR)/src/%.c: | $(LUA_STAMP) ;
