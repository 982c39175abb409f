/*
 * The set of XenBus node names a scan has dealt with (xen/xenbus_seen.c).
 * Every change under "device" rescans everything, so a name must be
 * recognised on the next scan, above all one too long for
 * struct xenbus_device's 64-byte nodename, which must be refused once and
 * never added again.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "xen/xenbus_seen.h"

static struct xenbus_seen seen;

/* An id that makes "device/vif/<id>" exactly len characters long. */
static const char *id_for_length(size_t len)
{
	static char id[128];
	size_t n = len - strlen("device/vif/");

	ck_assert_uint_lt(n, sizeof(id));
	memset(id, 'a', n);
	id[n] = '\0';
	return id;
}

START_TEST(new_then_seen)
{
	char name[XENBUS_NODENAME_LEN];

	memset(&seen, 0, sizeof(seen));
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", "0", name), 0);
	ck_assert_str_eq(name, "device/vif/0");
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", "0", name), -EEXIST);
	ck_assert_int_eq(xenbus_seen_note(&seen, "vbd", "0", name), 0);
	ck_assert_str_eq(name, "device/vbd/0");
	xenbus_seen_forget(&seen, "device/vif/0");
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", "0", name), 0);
	ck_assert_uint_eq(seen.count, 2);
}
END_TEST

/* 63 characters fit with their NUL; 64 do not. */
START_TEST(longest_name_that_fits)
{
	char name[XENBUS_NODENAME_LEN];
	const char *id = id_for_length(XENBUS_NODENAME_LEN - 1);

	memset(&seen, 0, sizeof(seen));
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", id, name), 0);
	ck_assert_uint_eq(strlen(name), XENBUS_NODENAME_LEN - 1);
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", id, name), -EEXIST);
}
END_TEST

START_TEST(too_long_refused_once_never_added)
{
	char name[XENBUS_NODENAME_LEN];
	char longer[128];
	unsigned int scan;

	memset(&seen, 0, sizeof(seen));
	memset(name, 'x', sizeof(name));
	snprintf(longer, sizeof(longer), "%s",
		 id_for_length(XENBUS_NODENAME_LEN));
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", longer, name),
			 -ENAMETOOLONG);
	ck_assert_int_eq(name[0], 'x');		/* nothing to use */
	/* Later scans: seen, nothing added. */
	for (scan = 0; scan < 3 * XENBUS_SEEN_MAX; scan++)
		ck_assert_int_eq(xenbus_seen_note(&seen, "vif", longer, name),
				 -EEXIST);
	ck_assert_uint_eq(seen.count, 1);
	/* Much longer still, and past any buffer of the caller's. */
	snprintf(longer, sizeof(longer), "%s", id_for_length(120));
	ck_assert_int_eq(xenbus_seen_note(&seen, "vbd", longer, name),
			 -ENAMETOOLONG);
	ck_assert_int_eq(xenbus_seen_note(&seen, "vbd", longer, name),
			 -EEXIST);
	ck_assert_uint_eq(seen.count, 2);
	/* forget() only knows names that were added. */
	xenbus_seen_forget(&seen, seen.name[0]);
	ck_assert_uint_eq(seen.count, 2);
}
END_TEST

/*
 * A refused name cut to 63 characters must not hide the real device whose
 * name is exactly those 63 characters.
 */
START_TEST(refused_name_does_not_hide_its_prefix)
{
	char name[XENBUS_NODENAME_LEN];
	char longer[128];
	const char *fits;

	memset(&seen, 0, sizeof(seen));
	snprintf(longer, sizeof(longer), "%s",
		 id_for_length(XENBUS_NODENAME_LEN + 5));
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", longer, name),
			 -ENAMETOOLONG);
	fits = id_for_length(XENBUS_NODENAME_LEN - 1);
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", fits, name), 0);
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", fits, name), -EEXIST);
}
END_TEST

START_TEST(full_set_remembers_nothing_more)
{
	char name[XENBUS_NODENAME_LEN], id[8];
	unsigned int i;

	memset(&seen, 0, sizeof(seen));
	for (i = 0; i < XENBUS_SEEN_MAX; i++) {
		snprintf(id, sizeof(id), "%u", i);
		ck_assert_int_eq(xenbus_seen_note(&seen, "vif", id, name), 0);
	}
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", "new", name),
			 -ENOSPC);
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", "new", name),
			 -ENOSPC);
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", "7", name), -EEXIST);
	xenbus_seen_forget(&seen, "device/vif/3");
	ck_assert_int_eq(xenbus_seen_note(&seen, "vif", "new", name), 0);
}
END_TEST

Suite *xenbus_seen_suite(void)
{
	Suite *s = suite_create("xenbus-seen");
	TCase *tc = tcase_create("seen");

	tcase_add_test(tc, new_then_seen);
	tcase_add_test(tc, longest_name_that_fits);
	tcase_add_test(tc, too_long_refused_once_never_added);
	tcase_add_test(tc, refused_name_does_not_hide_its_prefix);
	tcase_add_test(tc, full_set_remembers_nothing_more);
	suite_add_tcase(s, tc);
	return s;
}
