#include <stddef.h>
#include <stdlib.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* No overflow reporting (no errno here): values wrap, as callers accept. */
unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v = 0;
	int d;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '+')
		s++;
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	while ((d = digit_value(*s)) < base) {
		v = v * (unsigned long)base + (unsigned long)d;
		s++;
	}
	if (end)
		*end = (char *)(unsigned long)s;
	return v;
}

/* For lwIP's netif_find() ("en0"); no overflow checks either. */
int atoi(const char *s)
{
	int negative;

	while (*s == ' ' || *s == '\t')
		s++;
	negative = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	return negative ? -(int)strtoul(s, NULL, 10) :
			  (int)strtoul(s, NULL, 10);
}
