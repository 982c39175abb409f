#include <stdbool.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/program_args.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * The next word of *p, unquoted, into out (if not NULL); its length in
 * *len.  Returns false at the end of the string, or with *len = SIZE_MAX
 * for a quote left open.
 */
static bool next_word(const char **p, char *out, size_t *len)
{
	const char *s = *p;
	char quote = 0;
	size_t n = 0;

	while (is_space(*s))
		s++;
	if (!*s)
		return false;
	for (; *s && (quote || !is_space(*s)); s++) {
		if (!quote && (*s == '\'' || *s == '"')) {
			quote = *s;
		} else if (quote && *s == quote) {
			quote = 0;
		} else {
			if (out)
				out[n] = *s;
			n++;
		}
	}
	*p = s;
	*len = quote ? (size_t)-1 : n;
	return true;
}

static bool is_env_word(const char *w)
{
	const char *eq = strchr(w, '=');

	return eq && eq != w;
}

size_t program_args_bytes(const char *args, const char *argv0)
{
	/* Unquoting only shrinks a word: the string's own length bounds
	 * its words and their NULs. */
	return strlen(args ? args : "") + 1 + strlen(argv0) + 1;
}

size_t program_args_slots(const char *args)
{
	const char *p = args ? args : "";
	size_t words = 0, len;

	while (next_word(&p, NULL, &len))
		words++;
	/* argv0, the words, and the two terminating NULLs. */
	return words + 3;
}

int program_args_split(const char *args, const char *argv0, char *buf,
		       size_t buf_size, char **slots, size_t nslots,
		       struct program_args *out)
{
	const char *p = args ? args : "";
	size_t used = 0, nenv = 0, nargv = 1, len, i;
	bool after_dashes = false;
	char *word;

	if (program_args_bytes(args, argv0) > buf_size ||
	    program_args_slots(args) > nslots)
		return -E2BIG;
	/* First pass: words into buf; argv from the front of slots and the
	 * environment, for now, from the back. */
	len = strlen(argv0) + 1;
	memcpy(buf, argv0, len);
	slots[0] = buf;
	used = len;
	while (next_word(&p, buf + used, &len)) {
		if (len == (size_t)-1)
			return -EINVAL;
		word = buf + used;
		word[len] = '\0';
		used += len + 1;
		if (!after_dashes && strcmp(word, "--") == 0)
			after_dashes = true;
		else if (after_dashes)
			slots[nargv++] = word;
		else if (is_env_word(word))
			slots[nslots - 1 - nenv++] = word;
	}
	slots[nargv] = NULL;
	/* Then the environment right after argv's NULL (the two blocks may
	 * overlap), and back in its order. */
	memmove(slots + nargv + 1, slots + nslots - nenv,
		nenv * sizeof(*slots));
	for (i = 0; i < nenv / 2; i++) {
		word = slots[nargv + 1 + i];
		slots[nargv + 1 + i] = slots[nargv + nenv - i];
		slots[nargv + nenv - i] = word;
	}
	slots[nargv + 1 + nenv] = NULL;
	out->argc = (int)nargv;
	out->argv = slots;
	out->envp = slots + nargv + 1;
	return 0;
}
