/*
 * Applications the kernel can run; bootargs "app=NAME" picks one.  The
 * image's program (init/program.c), if it has one, is the default; the
 * product's apps (shell, httpd, ...) and the test guests are picked by
 * name.  An app's main runs in the first thread.
 */
#ifndef KERNEL_APP_H
#define KERNEL_APP_H

#include <stdbool.h>

struct app {
	const char *name;
	void (*main)(void);
	bool program;	/* main() of a program: runs without app= */
};

#define APP_ENTRY(name_, main_, program_) \
	static const struct app app_entry_##main_ \
	__attribute__((used, section(".app_table"), aligned(8))) = \
		{ name_, main_, program_ }
#define APP_REGISTER(name_, main_) APP_ENTRY(name_, main_, false)
#define APP_REGISTER_PROGRAM(name_, main_) APP_ENTRY(name_, main_, true)

/*
 * The app named by app= in bootargs, or without one the image's program.
 * NULL: no such name, or no app= in an image without a program.
 */
const struct app *app_find(const char *bootargs);

#endif
