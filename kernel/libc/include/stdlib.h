#ifndef KERNEL_LIBC_STDLIB_H
#define KERNEL_LIBC_STDLIB_H

unsigned long strtoul(const char *s, char **end, int base);
int atoi(const char *s);

#endif
