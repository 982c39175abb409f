/*
 * Applications the kernel can run; bootargs "app=NAME" picks one, the
 * default is "synchronization".  An app's main runs in the first thread.
 */
#ifndef APPS_APP_H
#define APPS_APP_H

struct app {
	const char *name;
	void (*main)(void);
};

#define APP_REGISTER(name_, main_) \
	static const struct app app_entry_##main_ \
	__attribute__((used, section(".app_table"), aligned(8))) = \
		{ name_, main_ }

/* The app named in bootargs, or the default one. NULL: unknown name. */
const struct app *app_find(const char *bootargs);

#endif
