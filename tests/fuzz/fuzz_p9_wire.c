/*
 * libFuzzer harness: the 9P2000.u reply checks (frontends/p9_wire.c)
 * against a hostile server, which may send any bytes.  Input: one byte
 * choosing the reply parser, four big-endian bytes of what the request
 * asked (msize for Rversion, the count for Rread/Rwrite, the number of
 * names for Rwalk), then the reply itself, copied into a buffer of
 * exactly its length (so ASan sees any read beyond).  The tag is always
 * 1 (Rversion: NOTAG) and msize 8192.  Checks that:
 *   - the result is 0, -EPROTO, -EOPNOTSUPP (Rversion) or, for Rerror,
 *     a negative errno within Linux's range;
 *   - what a success returns lies inside the reply and inside what was
 *     asked (counts, qids, msize);
 *   - directory data parses entry by entry to its end or to -EPROTO,
 *     each entry inside what is left.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/p9_wire.h"
#include "tests/fuzz/script.h"

#define MSIZE	8192
#define TAG	1

static void check_str(const struct p9_str *s, const uint8_t *buf,
		      size_t len)
{
	if (!s->len)
		return;
	CHECK((const uint8_t *)s->s >= buf);
	CHECK((const uint8_t *)s->s + s->len <= buf + len);
}

static void check_stat(const struct p9_stat *st, const uint8_t *buf,
		       size_t len)
{
	check_str(&st->name, buf, len);
	check_str(&st->uid, buf, len);
	check_str(&st->gid, buf, len);
	check_str(&st->muid, buf, len);
	check_str(&st->extension, buf, len);
}

static void check_err(int err, int extra)
{
	CHECK(err <= 0);
	CHECK(err == 0 || err == -EPROTO || err == extra ||
	      (err < 0 && err >= -4095));
}

/* Directory data: entries packed one after another (p9_dirent_parse:
 * bare stats, or xen-9pfsd's with n[2] before each), until p9_dir_done
 * says the rest is none (or xen-9pfsd's overcount). */
static void directory(const uint8_t *buf, size_t len)
{
	struct p9_stat st;
	unsigned int xen_entries = 0;
	size_t off = 0;
	bool xen;
	long used;

	while (!p9_dir_done(len - off, xen_entries)) {
		used = p9_dirent_parse(buf + off, len - off, &st, &xen);
		if (used < 0) {
			CHECK(used == -EPROTO);
			return;
		}
		CHECK(used > 0 && (size_t)used <= len - off);
		check_stat(&st, buf + off, (size_t)used);
		off += (size_t)used;
		xen_entries += xen;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script s = { data, size };
	unsigned int which = (unsigned int)take(&s, 1) % 9;
	uint32_t asked = (uint32_t)take(&s, 4);
	struct p9_qid qids[P9_MAXWELEM];
	const uint8_t *rdata;
	struct p9_stat st;
	unsigned int nwqid, nwname;
	uint32_t count, msize, iounit;
	uint8_t *buf;
	size_t len = s.left;
	int err;

	buf = malloc(len ? len : 1);
	if (!buf)
		return 0;
	memcpy(buf, s.data, len);
	switch (which) {
	case 0:
		err = p9_parse_rversion(buf, len, asked, &msize);
		check_err(err, -EOPNOTSUPP);
		if (!err)
			CHECK(msize >= P9_MIN_MSIZE && msize <= asked);
		break;
	case 1:
		check_err(p9_parse_rattach(buf, len, MSIZE, TAG, &qids[0]), 0);
		break;
	case 2:
		nwname = asked % (P9_MAXWELEM + 1);
		err = p9_parse_rwalk(buf, len, MSIZE, TAG, nwname, qids,
				     &nwqid);
		check_err(err, 0);
		if (!err)
			CHECK(nwqid <= nwname);
		break;
	case 3:
		check_err(p9_parse_ropen(buf, len, MSIZE, TAG,
					 asked & 1 ? P9_RCREATE : P9_ROPEN,
					 &qids[0], &iounit), 0);
		break;
	case 4:
		err = p9_parse_rread(buf, len, MSIZE, TAG, asked, &rdata,
				     &count);
		check_err(err, 0);
		if (!err) {
			CHECK(count <= asked);
			CHECK(rdata >= buf && rdata + count <= buf + len);
			directory(rdata, count);
		}
		break;
	case 5:
		err = p9_parse_rwrite(buf, len, MSIZE, TAG, asked, &count);
		check_err(err, 0);
		if (!err)
			CHECK(count <= asked);
		break;
	case 6:
		check_err(p9_parse_rempty(buf, len, MSIZE, TAG, P9_RCLUNK), 0);
		break;
	case 7:
		err = p9_parse_rstat(buf, len, MSIZE, TAG, &st);
		check_err(err, 0);
		if (!err)
			check_stat(&st, buf, len);
		break;
	default:
		directory(buf, len);
		break;
	}
	free(buf);
	return 0;
}
