/*
 * 9P2000.u messages (frontends/p9_wire.c): the T-messages' exact bytes,
 * and a hostile server's replies: sizes, tags, types, counts, strings and
 * stat lengths that lie, each refused with -EPROTO and never read beyond
 * the message (the ASan run checks that: replies sit in buffers of their
 * exact length).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "frontends/p9_wire.h"

#define MSIZE	8192

/* A reply under construction, little-endian as on the wire. */
struct msg {
	uint8_t b[512];
	size_t n;
};

static void le(struct msg *m, uint64_t v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		m->b[m->n++] = (uint8_t)(v >> (8 * i));
}

static void str(struct msg *m, const char *s)
{
	size_t n = strlen(s);

	le(m, n, 2);
	memcpy(m->b + m->n, s, n);
	m->n += n;
}

static void qid(struct msg *m, uint8_t type, uint32_t version, uint64_t path)
{
	le(m, type, 1);
	le(m, version, 4);
	le(m, path, 8);
}

static void begin(struct msg *m, uint8_t type, uint16_t tag)
{
	m->n = 0;
	le(m, 0, 4);
	le(m, type, 1);
	le(m, tag, 2);
}

/* Sets the size field to the bytes written. */
static void end(struct msg *m)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		m->b[i] = (uint8_t)(m->n >> (8 * i));
}

/* A stat as xen-9pfsd writes it: size is fields + slack. */
static void stat_entry(struct msg *m, const char *name, unsigned int slack)
{
	le(m, 61 + strlen(name) + slack, 2);
	le(m, 0, 2);
	le(m, 0, 4);
	qid(m, 0, 7, 42);
	le(m, 0644, 4);
	le(m, 1000, 4);
	le(m, 2000, 4);
	le(m, 12345, 8);
	str(m, name);
	str(m, "");
	str(m, "");
	str(m, "");
	str(m, "");
	le(m, 0, 4);
	le(m, 0, 4);
	le(m, 0, 4);
}

/* A heap copy of exactly len bytes, so ASan sees any read past it. */
static uint8_t *exact(const struct msg *m, size_t len)
{
	uint8_t *p = malloc(len ? len : 1);

	ck_assert_ptr_nonnull(p);
	memcpy(p, m->b, len);
	return p;
}

START_TEST(tversion_bytes)
{
	static const uint8_t want[] = {
		21, 0, 0, 0, 100, 0xff, 0xff, 0x00, 0x20, 0, 0,
		8, 0, '9', 'P', '2', '0', '0', '0', '.', 'u'
	};
	uint8_t buf[64];

	ck_assert_int_eq(p9_build_version(buf, sizeof(buf), MSIZE,
					  P9_VERSION_U), sizeof(want));
	ck_assert_mem_eq(buf, want, sizeof(want));
}
END_TEST

START_TEST(tattach_and_twalk_layout)
{
	static const char *const names[] = { "a", "bc" };
	uint8_t buf[64];
	long n;

	n = p9_build_attach(buf, sizeof(buf), 1, 0, P9_NOFID, "root", "",
			    P9_NONUNAME);
	/* header 7, fid 4, afid 4, "root" 6, "" 2, n_uname 4 */
	ck_assert_int_eq(n, 27);
	ck_assert_uint_eq(buf[4], P9_TATTACH);
	ck_assert_uint_eq(buf[5], 1);
	ck_assert_mem_eq(buf + 15, "\4\0root\0\0\377\377\377\377", 12);

	n = p9_build_walk(buf, sizeof(buf), 2, 0, 1, 2, names);
	ck_assert_int_eq(n, 7 + 4 + 4 + 2 + 3 + 4);
	ck_assert_mem_eq(buf + 15, "\2\0\1\0a\2\0bc", 9);
}
END_TEST

START_TEST(twalk_over_maxwelem_einval)
{
	const char *names[P9_MAXWELEM + 1];
	uint8_t buf[256];
	unsigned int i;

	for (i = 0; i <= P9_MAXWELEM; i++)
		names[i] = "x";
	ck_assert_int_gt(p9_build_walk(buf, sizeof(buf), 1, 0, 1,
				       P9_MAXWELEM, names), 0);
	ck_assert_int_eq(p9_build_walk(buf, sizeof(buf), 1, 0, 1,
				       P9_MAXWELEM + 1, names), -EINVAL);
}
END_TEST

/* Every builder: -EMSGSIZE one byte short, the same length at exactly. */
START_TEST(builders_exact_fit)
{
	static const char *const names[] = { "dir", "file" };
	static const char data[] = "hello";
	struct p9_stat st;
	uint8_t buf[256];
	long n, m;
	int i;

	memset(&st, 0, sizeof(st));
	st.name = (struct p9_str){ "f", 1 };
	st.uid = st.gid = st.muid = st.extension = (struct p9_str){ "", 0 };
	for (i = 0; i < 11; i++) {
		size_t cap;

		for (cap = 0; cap <= sizeof(buf); cap++) {
			switch (i) {
			case 0: n = p9_build_version(buf, cap, MSIZE, "9P2000.u"); break;
			case 1: n = p9_build_attach(buf, cap, 1, 2, 3, "u", "a", 4); break;
			case 2: n = p9_build_walk(buf, cap, 1, 2, 3, 2, names); break;
			case 3: n = p9_build_open(buf, cap, 1, 2, P9_ORDWR); break;
			case 4: n = p9_build_create(buf, cap, 1, 2, "n", 0644, P9_OWRITE, ""); break;
			case 5: n = p9_build_read(buf, cap, 1, 2, 3, 4); break;
			case 6: n = p9_build_write(buf, cap, 1, 2, 3, data, 5); break;
			case 7: n = p9_build_clunk(buf, cap, 1, 2); break;
			case 8: n = p9_build_remove(buf, cap, 1, 2); break;
			case 9: n = p9_build_stat(buf, cap, 1, 2); break;
			default: n = p9_build_wstat(buf, cap, 1, 2, &st); break;
			}
			if (n > 0)
				break;
			ck_assert_int_eq(n, -EMSGSIZE);
		}
		ck_assert_int_eq(n, (long)cap);
		/* The size field says the same. */
		m = buf[0] | buf[1] << 8 | buf[2] << 16 | (long)buf[3] << 24;
		ck_assert_int_eq(m, n);
	}
}
END_TEST

START_TEST(twstat_parses_back)
{
	struct p9_stat st, back;
	uint8_t buf[256];
	long n;

	memset(&st, 0, sizeof(st));
	st.mode = 0600;
	st.length = 99;
	st.qid.path = 5;
	st.name = (struct p9_str){ "newname", 7 };
	st.uid = st.gid = st.muid = (struct p9_str){ "", 0 };
	st.extension = (struct p9_str){ "ext", 3 };
	st.n_uid = st.n_gid = st.n_muid = P9_NONUNAME;
	n = p9_build_wstat(buf, sizeof(buf), 3, 9, &st);
	ck_assert_int_gt(n, 0);
	/* header, fid, n[2], then the stat */
	ck_assert_int_eq(buf[11] | buf[12] << 8, n - 13);
	ck_assert_int_eq(p9_stat_parse(buf + 13, (size_t)n - 13, &back),
			 n - 13);
	ck_assert_uint_eq(back.mode, 0600);
	ck_assert_uint_eq(back.length, 99);
	ck_assert_uint_eq(back.qid.path, 5);
	ck_assert_uint_eq(back.name.len, 7);
	ck_assert_mem_eq(back.name.s, "newname", 7);
	ck_assert_mem_eq(back.extension.s, "ext", 3);
	ck_assert_uint_eq(back.n_muid, P9_NONUNAME);
}
END_TEST

START_TEST(rversion_accepted_and_lowered)
{
	struct msg m;
	uint32_t msize = 0;

	begin(&m, P9_RVERSION, P9_NOTAG);
	le(&m, 4096, 4);
	str(&m, "9P2000.u");
	end(&m);
	ck_assert_int_eq(p9_parse_rversion(m.b, m.n, MSIZE, &msize), 0);
	ck_assert_uint_eq(msize, 4096);
}
END_TEST

START_TEST(rversion_refusals)
{
	struct msg m;
	uint32_t msize = 1;

	/* A larger msize than we offered. */
	begin(&m, P9_RVERSION, P9_NOTAG);
	le(&m, MSIZE + 1, 4);
	str(&m, "9P2000.u");
	end(&m);
	ck_assert_int_eq(p9_parse_rversion(m.b, m.n, MSIZE, &msize), -EPROTO);
	/* Too small to be of use. */
	begin(&m, P9_RVERSION, P9_NOTAG);
	le(&m, P9_MIN_MSIZE - 1, 4);
	str(&m, "9P2000.u");
	end(&m);
	ck_assert_int_eq(p9_parse_rversion(m.b, m.n, MSIZE, &msize), -EPROTO);
	/* The server does not speak 9P2000.u. */
	begin(&m, P9_RVERSION, P9_NOTAG);
	le(&m, 4096, 4);
	str(&m, "unknown");
	end(&m);
	ck_assert_int_eq(p9_parse_rversion(m.b, m.n, MSIZE, &msize),
			 -EOPNOTSUPP);
	/* A tag other than NOTAG. */
	begin(&m, P9_RVERSION, 0);
	le(&m, 4096, 4);
	str(&m, "9P2000.u");
	end(&m);
	ck_assert_int_eq(p9_parse_rversion(m.b, m.n, MSIZE, &msize), -EPROTO);
	ck_assert_uint_eq(msize, 1);
}
END_TEST

START_TEST(header_checks)
{
	struct p9_qid q;
	struct msg m;

	begin(&m, P9_RATTACH, 5);
	qid(&m, P9_QTDIR, 1, 2);
	end(&m);
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 5, &q), 0);
	ck_assert_uint_eq(q.type, P9_QTDIR);
	ck_assert_uint_eq(q.path, 2);
	/* Wrong tag, wrong type, msize smaller than the reply. */
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 6, &q), -EPROTO);
	ck_assert_int_eq(p9_parse_ropen(m.b, m.n, MSIZE, 5, P9_ROPEN, &q,
					&(uint32_t){0}), -EPROTO);
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, (uint32_t)m.n - 1, 5, &q),
			 -EPROTO);
	/* The size field disagrees with the bytes received, both ways. */
	m.b[0]++;
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 5, &q), -EPROTO);
	m.b[0] -= 2;
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 5, &q), -EPROTO);
	/* Shorter than a header. */
	ck_assert_int_eq(p9_parse_rattach(m.b, 6, MSIZE, 5, &q), -EPROTO);
}
END_TEST

START_TEST(message_size_bounds)
{
	uint8_t b[4] = { 7, 0, 0, 0 };

	ck_assert_int_eq(p9_message_size(b, MSIZE), 7);
	b[0] = 6;
	ck_assert_int_eq(p9_message_size(b, MSIZE), -EPROTO);
	b[0] = 0x01;
	b[1] = 0x20;	/* 8193 */
	ck_assert_int_eq(p9_message_size(b, MSIZE), -EPROTO);
	b[0] = 0;
	ck_assert_int_eq(p9_message_size(b, MSIZE), MSIZE);
	b[3] = 0x80;
	ck_assert_int_eq(p9_message_size(b, MSIZE), -EPROTO);
}
END_TEST

START_TEST(rerror_to_errno)
{
	struct p9_qid q;
	struct msg m;

	begin(&m, P9_RERROR, 3);
	str(&m, "No such file or directory");
	le(&m, ENOENT, 4);
	end(&m);
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 3, &q), -ENOENT);
	/* A plain 9P2000 server's errno 0, and a number beyond Linux's. */
	begin(&m, P9_RERROR, 3);
	str(&m, "oops");
	le(&m, 0, 4);
	end(&m);
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 3, &q), -EIO);
	begin(&m, P9_RERROR, 3);
	str(&m, "oops");
	le(&m, 0x80000001u, 4);
	end(&m);
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 3, &q), -EIO);
	/* ename's length runs past the message. */
	begin(&m, P9_RERROR, 3);
	le(&m, 200, 2);
	le(&m, ENOENT, 4);
	end(&m);
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 3, &q), -EPROTO);
	/* A byte after errno. */
	begin(&m, P9_RERROR, 3);
	str(&m, "x");
	le(&m, ENOENT, 4);
	le(&m, 0, 1);
	end(&m);
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 3, &q), -EPROTO);
	/* Under the right tag only. */
	begin(&m, P9_RERROR, 4);
	str(&m, "x");
	le(&m, ENOENT, 4);
	end(&m);
	ck_assert_int_eq(p9_parse_rattach(m.b, m.n, MSIZE, 3, &q), -EPROTO);
}
END_TEST

START_TEST(rwalk_counts)
{
	struct p9_qid qids[P9_MAXWELEM];
	unsigned int n = 99;
	struct msg m;

	begin(&m, P9_RWALK, 1);
	le(&m, 2, 2);
	qid(&m, P9_QTDIR, 0, 10);
	qid(&m, 0, 0, 11);
	end(&m);
	ck_assert_int_eq(p9_parse_rwalk(m.b, m.n, MSIZE, 1, 2, qids, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(qids[1].path, 11);
	/* Fewer than asked: the walk stopped; allowed. */
	ck_assert_int_eq(p9_parse_rwalk(m.b, m.n, MSIZE, 1, 3, qids, &n), 0);
	/* More than asked. */
	ck_assert_int_eq(p9_parse_rwalk(m.b, m.n, MSIZE, 1, 1, qids, &n),
			 -EPROTO);
	/* nwqid claims 3 but 2 qids follow, and 1 with 2 following. */
	m.b[7] = 3;
	ck_assert_int_eq(p9_parse_rwalk(m.b, m.n, MSIZE, 1, 3, qids, &n),
			 -EPROTO);
	m.b[7] = 1;
	ck_assert_int_eq(p9_parse_rwalk(m.b, m.n, MSIZE, 1, 3, qids, &n),
			 -EPROTO);
	ck_assert_uint_eq(n, 2);
}
END_TEST

START_TEST(ropen_and_rcreate)
{
	struct p9_qid q;
	uint32_t iounit = 0;
	struct msg m;

	begin(&m, P9_RCREATE, 8);
	qid(&m, 0, 3, 4);
	le(&m, 4096, 4);
	end(&m);
	ck_assert_int_eq(p9_parse_ropen(m.b, m.n, MSIZE, 8, P9_RCREATE, &q,
					&iounit), 0);
	ck_assert_uint_eq(iounit, 4096);
	ck_assert_int_eq(p9_parse_ropen(m.b, m.n, MSIZE, 8, P9_ROPEN, &q,
					&iounit), -EPROTO);
	/* Only the two reply types are open replies. */
	ck_assert_int_eq(p9_parse_ropen(m.b, m.n, MSIZE, 8, P9_RSTAT, &q,
					&iounit), -EINVAL);
	/* iounit cut short. */
	m.n--;
	end(&m);
	ck_assert_int_eq(p9_parse_ropen(m.b, m.n, MSIZE, 8, P9_RCREATE, &q,
					&iounit), -EPROTO);
}
END_TEST

START_TEST(rread_counts)
{
	const uint8_t *data = NULL;
	uint32_t count = 0;
	struct msg m;

	begin(&m, P9_RREAD, 2);
	le(&m, 5, 4);
	memcpy(m.b + m.n, "hello", 5);
	m.n += 5;
	end(&m);
	ck_assert_int_eq(p9_parse_rread(m.b, m.n, MSIZE, 2, 100, &data,
					&count), 0);
	ck_assert_uint_eq(count, 5);
	ck_assert_ptr_eq(data, m.b + 11);
	/* More than we asked for. */
	ck_assert_int_eq(p9_parse_rread(m.b, m.n, MSIZE, 2, 4, &data, &count),
			 -EPROTO);
	/* A count beyond the message, and one short of it. */
	m.b[7] = 6;
	ck_assert_int_eq(p9_parse_rread(m.b, m.n, MSIZE, 2, 100, &data,
					&count), -EPROTO);
	m.b[7] = 4;
	ck_assert_int_eq(p9_parse_rread(m.b, m.n, MSIZE, 2, 100, &data,
					&count), -EPROTO);
	m.b[7] = 0xff;
	m.b[10] = 0xff;
	ck_assert_int_eq(p9_parse_rread(m.b, m.n, MSIZE, 2, 0xffffffffu,
					&data, &count), -EPROTO);
	ck_assert_uint_eq(count, 5);
}
END_TEST

START_TEST(rwrite_and_rempty)
{
	uint32_t count = 0;
	struct msg m;

	begin(&m, P9_RWRITE, 1);
	le(&m, 10, 4);
	end(&m);
	ck_assert_int_eq(p9_parse_rwrite(m.b, m.n, MSIZE, 1, 10, &count), 0);
	ck_assert_uint_eq(count, 10);
	ck_assert_int_eq(p9_parse_rwrite(m.b, m.n, MSIZE, 1, 9, &count),
			 -EPROTO);

	begin(&m, P9_RCLUNK, 1);
	end(&m);
	ck_assert_int_eq(p9_parse_rempty(m.b, m.n, MSIZE, 1, P9_RCLUNK), 0);
	ck_assert_int_eq(p9_parse_rempty(m.b, m.n, MSIZE, 1, P9_RREMOVE),
			 -EPROTO);
	ck_assert_int_eq(p9_parse_rempty(m.b, m.n, MSIZE, 1, P9_RREAD),
			 -EINVAL);
	le(&m, 0, 1);
	end(&m);
	ck_assert_int_eq(p9_parse_rempty(m.b, m.n, MSIZE, 1, P9_RCLUNK),
			 -EPROTO);
}
END_TEST

START_TEST(rstat_spec_and_xen_layouts)
{
	struct p9_stat st;
	struct msg m;
	unsigned int slack;

	for (slack = 0; slack <= P9_STAT_XEN_SLACK;
	     slack += P9_STAT_XEN_SLACK) {
		begin(&m, P9_RSTAT, 4);
		le(&m, 61 + 4 + slack + 2, 2);
		stat_entry(&m, "file", slack);
		end(&m);
		memset(&st, 0, sizeof(st));
		ck_assert_int_eq(p9_parse_rstat(m.b, m.n, MSIZE, 4, &st), 0);
		ck_assert_uint_eq(st.length, 12345);
		ck_assert_uint_eq(st.mode, 0644);
		ck_assert_uint_eq(st.qid.path, 42);
		ck_assert_uint_eq(st.name.len, 4);
		ck_assert_mem_eq(st.name.s, "file", 4);
		ck_assert_uint_eq(st.extension.len, 0);
		/* n[2] must agree with the stat's own size. */
		m.b[7]++;
		ck_assert_int_eq(p9_parse_rstat(m.b, m.n, MSIZE, 4, &st),
				 -EPROTO);
	}
}
END_TEST

START_TEST(rstat_lying_lengths)
{
	struct p9_stat st;
	struct msg m;

	/* A stat size neither the fields' nor the fields' + slack. */
	begin(&m, P9_RSTAT, 4);
	le(&m, 61 + 4 + 3 + 2, 2);
	stat_entry(&m, "file", 3);
	end(&m);
	ck_assert_int_eq(p9_parse_rstat(m.b, m.n, MSIZE, 4, &st), -EPROTO);
	/* The name's length runs past the message. */
	begin(&m, P9_RSTAT, 4);
	le(&m, 61 + 4 + 2, 2);
	stat_entry(&m, "file", 0);
	end(&m);
	m.b[7 + 2 + 2 + 39] = 200;
	ck_assert_int_eq(p9_parse_rstat(m.b, m.n, MSIZE, 4, &st), -EPROTO);
	/* A byte after the stat. */
	begin(&m, P9_RSTAT, 4);
	le(&m, 61 + 4 + 2, 2);
	stat_entry(&m, "file", 0);
	le(&m, 0, 1);
	end(&m);
	ck_assert_int_eq(p9_parse_rstat(m.b, m.n, MSIZE, 4, &st), -EPROTO);
	/* No room even for n. */
	begin(&m, P9_RSTAT, 4);
	le(&m, 0, 1);
	end(&m);
	ck_assert_int_eq(p9_parse_rstat(m.b, m.n, MSIZE, 4, &st), -EPROTO);
}
END_TEST

START_TEST(directory_entries_walked)
{
	struct p9_stat st;
	struct msg m;
	size_t off = 0;
	long used;

	m.n = 0;
	stat_entry(&m, "a", P9_STAT_XEN_SLACK);
	stat_entry(&m, "bcd", 0);
	used = p9_stat_parse(m.b, m.n, &st);
	ck_assert_int_eq(used, 2 + 61 + 1);
	ck_assert_mem_eq(st.name.s, "a", 1);
	off += (size_t)used;
	used = p9_stat_parse(m.b + off, m.n - off, &st);
	ck_assert_int_eq(used, 2 + 61 + 3);
	ck_assert_mem_eq(st.name.s, "bcd", 3);
	ck_assert_uint_eq(off + (size_t)used, m.n);
}
END_TEST

/*
 * Directory data as Xen 4.20's xen-9pfsd sent it (the bytes of its "."
 * entry, seen on the wire): n[2] = size + 2 before each stat, the stat's
 * size 10 over its fields.  A bare stat still parses as one.
 */
START_TEST(directory_entries_as_xen_9pfsd_sends)
{
	static const uint8_t dot[] = {
		0x4a, 0x00, 0x48, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x80, 0xbd, 0xbb, 0x17, 0x6b, 0xab, 0x01, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0xed, 0x01, 0x00, 0x80, 0xbf, 0x1b, 0x17,
		0x6b, 0xbd, 0x1b, 0x17, 0x6b, 0xa0, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x01, 0x00, 0x2e, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	struct p9_stat st;
	struct msg m;
	bool xen;
	long used;

	m.n = 0;
	memcpy(m.b, dot, sizeof(dot));
	m.n = sizeof(dot);
	le(&m, 2 + 61 + 3 + P9_STAT_XEN_SLACK, 2);
	stat_entry(&m, "bcd", P9_STAT_XEN_SLACK);
	stat_entry(&m, "ef", 0);		/* a bare stat after them */
	used = p9_dirent_parse(m.b, m.n, &st, &xen);
	ck_assert_int_eq(used, (long)sizeof(dot));
	ck_assert(xen);
	ck_assert_uint_eq(st.name.len, 1);
	ck_assert_mem_eq(st.name.s, ".", 1);
	ck_assert_uint_eq(st.qid.type, P9_QTDIR);
	ck_assert_uint_eq(st.qid.path, 0x1ab);
	ck_assert_uint_eq(st.mode, P9_DMDIR | 0755);
	ck_assert_uint_eq(st.length, 0xa0);
	used = p9_dirent_parse(m.b + sizeof(dot), m.n - sizeof(dot), &st, &xen);
	ck_assert_int_eq(used, 2 + 2 + 61 + 3);
	ck_assert(xen);
	ck_assert_mem_eq(st.name.s, "bcd", 3);
	used = p9_dirent_parse(m.b + sizeof(dot) + 68, m.n - sizeof(dot) - 68,
			       &st, &xen);
	ck_assert_int_eq(used, 2 + 61 + 2);
	ck_assert(!xen);
	ck_assert_mem_eq(st.name.s, "ef", 2);
	/* xen-9pfsd's entry cut short anywhere: refused. */
	for (used = 0; used < (long)sizeof(dot); used++) {
		uint8_t *p = malloc(used ? (size_t)used : 1);

		ck_assert_ptr_nonnull(p);
		memcpy(p, dot, (size_t)used);
		ck_assert_int_eq(p9_dirent_parse(p, (size_t)used, &st, &xen),
				 -EPROTO);
		free(p);
	}
}
END_TEST

/*
 * xen-9pfsd's count for N entries of its layout is 8 * N bytes more than
 * it wrote (a count of 622 for 8 entries in 558 bytes, seen on the
 * wire): the batch ends there, whatever those bytes hold.
 */
START_TEST(directory_xen_overcount_ends_batch)
{
	ck_assert(p9_dir_done(0, 0));
	ck_assert(p9_dir_done(0, 3));
	ck_assert(p9_dir_done(64, 8));
	ck_assert(p9_dir_done(8, 1));
	ck_assert(!p9_dir_done(64, 0));	/* a bare stat's bytes */
	ck_assert(!p9_dir_done(64, 7));
	ck_assert(!p9_dir_done(66, 8));
	ck_assert_uint_eq(622 - 558, 8 * P9_DIR_XEN_OVERCOUNT);
}
END_TEST

/*
 * Every prefix of a valid reply, with the size field left as it was or
 * set to the prefix's length: refused, and (under ASan, in a buffer of
 * exactly that length) never read beyond.
 */
START_TEST(every_truncation_refused)
{
	struct p9_stat st;
	struct msg m;
	size_t len;
	long used;
	int fix;

	begin(&m, P9_RSTAT, 4);
	le(&m, 61 + 4 + 2, 2);
	stat_entry(&m, "file", 0);
	end(&m);
	for (fix = 0; fix < 2; fix++) {
		for (len = 0; len < m.n; len++) {
			struct msg t = m;
			uint8_t *p;

			t.n = len;
			if (fix && len >= 4)
				end(&t);
			p = exact(&t, len);
			ck_assert_int_eq(p9_parse_rstat(p, len, MSIZE, 4, &st),
					 -EPROTO);
			free(p);
		}
	}
	/* The bare stat, every prefix. */
	for (len = 0; len < m.n - 9; len++) {
		uint8_t *p = malloc(len ? len : 1);

		ck_assert_ptr_nonnull(p);
		memcpy(p, m.b + 9, len);
		used = p9_stat_parse(p, len, &st);
		ck_assert_int_eq(used, -EPROTO);
		free(p);
	}
}
END_TEST

Suite *p9_wire_suite(void)
{
	Suite *s = suite_create("p9_wire");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, tversion_bytes);
	tcase_add_test(tc, tattach_and_twalk_layout);
	tcase_add_test(tc, twalk_over_maxwelem_einval);
	tcase_add_test(tc, builders_exact_fit);
	tcase_add_test(tc, twstat_parses_back);
	tcase_add_test(tc, directory_entries_as_xen_9pfsd_sends);
	tcase_add_test(tc, directory_xen_overcount_ends_batch);
	tcase_add_test(tc, rversion_accepted_and_lowered);
	tcase_add_test(tc, rversion_refusals);
	tcase_add_test(tc, header_checks);
	tcase_add_test(tc, message_size_bounds);
	tcase_add_test(tc, rerror_to_errno);
	tcase_add_test(tc, rwalk_counts);
	tcase_add_test(tc, ropen_and_rcreate);
	tcase_add_test(tc, rread_counts);
	tcase_add_test(tc, rwrite_and_rempty);
	tcase_add_test(tc, rstat_spec_and_xen_layouts);
	tcase_add_test(tc, rstat_lying_lengths);
	tcase_add_test(tc, directory_entries_walked);
	tcase_add_test(tc, every_truncation_refused);
	suite_add_tcase(s, tc);
	return s;
}
