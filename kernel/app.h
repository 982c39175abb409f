/*
 * Applications the kernel can run; bootargs "app=NAME" picks one.  The
 * image's program (init/program.c), if it has one, is the default; the
 * product's apps (shell, httpd, ...) and the test guests are picked by
 * name.  An app's main runs in the first thread.
 */
#ifndef KERNEL_APP_H
#define KERNEL_APP_H

#include <stdbool.h>
#include <stddef.h>

struct app {
	const char *name;
	void (*main)(void);
	bool program;	/* main() of a program: runs without app= */
	size_t stack;	/* its first thread's stack; 0: THREAD_STACK_DEFAULT */
};

#define APP_ENTRY(name_, main_, program_, stack_) \
	static const struct app app_entry_##main_ \
	__attribute__((used, section(".app_table"), aligned(8))) = \
		{ name_, main_, program_, stack_ }
#define APP_REGISTER(name_, main_) APP_ENTRY(name_, main_, false, 0)
/* A program's main() may want a larger stack than the kernel's apps
 * (an interpreter recursing through C): STACK bytes, or 0. */
#define APP_REGISTER_PROGRAM(name_, main_, stack_) \
	APP_ENTRY(name_, main_, true, stack_)

/*
 * The app named by app= in bootargs, or without one the image's program.
 * NULL: no such name, or no app= in an image without a program.
 */
const struct app *app_find(const char *bootargs);

#endif
