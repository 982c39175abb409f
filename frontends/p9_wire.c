/*
 * 9P2000.u encoding and checked decoding: see p9_wire.h.  Numbers are
 * little-endian on the wire (intro(5)); they are assembled byte by byte,
 * so the code is right on any host and at any alignment.
 */
#include <string.h>

#include "kernel/errno.h"
#include "frontends/p9_wire.h"

/* Linux's errnos end below 4096 (MAX_ERRNO): beyond is not an errno. */
#define P9_ERRNO_MAX	4095u
/* A stat's fields after its size, strings excluded (9P2000.u). */
#define P9_STAT_FIXED	(2 + 4 + P9_QID_SIZE + 4 + 4 + 4 + 8 + 5 * 2 + 3 * 4)

/* Builds one message; any write past cap sets overflow and writes nothing. */
struct p9_out {
	uint8_t *buf;
	size_t cap;
	size_t off;
	int error;
};

static void put_bytes(struct p9_out *o, const void *p, size_t n)
{
	if (o->error)
		return;
	if (n > o->cap - o->off) {
		o->error = -EMSGSIZE;
		return;
	}
	if (n)
		memcpy(o->buf + o->off, p, n);
	o->off += n;
}

static void put_le(struct p9_out *o, uint64_t v, unsigned int bytes)
{
	uint8_t b[8];
	unsigned int i;

	for (i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	put_bytes(o, b, bytes);
}

static void put_str_n(struct p9_out *o, const char *s, size_t n)
{
	if (n > 0xffff) {
		if (!o->error)
			o->error = -EINVAL;
		return;
	}
	put_le(o, n, 2);
	put_bytes(o, s, n);
}

static void put_str(struct p9_out *o, const char *s)
{
	put_str_n(o, s, strlen(s));
}

static void put_qid(struct p9_out *o, const struct p9_qid *q)
{
	put_le(o, q->type, 1);
	put_le(o, q->version, 4);
	put_le(o, q->path, 8);
}

/* The header; its size field is filled in by finish(). */
static void start(struct p9_out *o, uint8_t *buf, size_t cap, uint8_t type,
		  uint16_t tag)
{
	o->buf = buf;
	o->cap = cap;
	o->off = 0;
	o->error = 0;
	put_le(o, 0, 4);
	put_le(o, type, 1);
	put_le(o, tag, 2);
}

static long finish(struct p9_out *o)
{
	unsigned int i;

	if (o->error)
		return o->error;
	if (o->off > 0xffffffffu)
		return -EMSGSIZE;
	for (i = 0; i < 4; i++)
		o->buf[i] = (uint8_t)(o->off >> (8 * i));
	return (long)o->off;
}

long p9_build_version(uint8_t *buf, size_t cap, uint32_t msize,
		      const char *version)
{
	struct p9_out o;

	start(&o, buf, cap, P9_TVERSION, P9_NOTAG);
	put_le(&o, msize, 4);
	put_str(&o, version);
	return finish(&o);
}

long p9_build_attach(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		     uint32_t afid, const char *uname, const char *aname,
		     uint32_t n_uname)
{
	struct p9_out o;

	start(&o, buf, cap, P9_TATTACH, tag);
	put_le(&o, fid, 4);
	put_le(&o, afid, 4);
	put_str(&o, uname);
	put_str(&o, aname);
	put_le(&o, n_uname, 4);
	return finish(&o);
}

long p9_build_walk(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		   uint32_t newfid, unsigned int nwname,
		   const char *const *names)
{
	struct p9_out o;
	unsigned int i;

	if (nwname > P9_MAXWELEM)
		return -EINVAL;
	start(&o, buf, cap, P9_TWALK, tag);
	put_le(&o, fid, 4);
	put_le(&o, newfid, 4);
	put_le(&o, nwname, 2);
	for (i = 0; i < nwname; i++)
		put_str(&o, names[i]);
	return finish(&o);
}

long p9_build_open(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		   uint8_t mode)
{
	struct p9_out o;

	start(&o, buf, cap, P9_TOPEN, tag);
	put_le(&o, fid, 4);
	put_le(&o, mode, 1);
	return finish(&o);
}

long p9_build_create(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		     const char *name, uint32_t perm, uint8_t mode,
		     const char *extension)
{
	struct p9_out o;

	start(&o, buf, cap, P9_TCREATE, tag);
	put_le(&o, fid, 4);
	put_str(&o, name);
	put_le(&o, perm, 4);
	put_le(&o, mode, 1);
	put_str(&o, extension);
	return finish(&o);
}

long p9_build_read(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		   uint64_t offset, uint32_t count)
{
	struct p9_out o;

	start(&o, buf, cap, P9_TREAD, tag);
	put_le(&o, fid, 4);
	put_le(&o, offset, 8);
	put_le(&o, count, 4);
	return finish(&o);
}

long p9_build_write(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		    uint64_t offset, const void *data, uint32_t count)
{
	struct p9_out o;

	start(&o, buf, cap, P9_TWRITE, tag);
	put_le(&o, fid, 4);
	put_le(&o, offset, 8);
	put_le(&o, count, 4);
	put_bytes(&o, data, count);
	return finish(&o);
}

static long build_fid_only(uint8_t *buf, size_t cap, uint8_t type,
			   uint16_t tag, uint32_t fid)
{
	struct p9_out o;

	start(&o, buf, cap, type, tag);
	put_le(&o, fid, 4);
	return finish(&o);
}

long p9_build_clunk(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid)
{
	return build_fid_only(buf, cap, P9_TCLUNK, tag, fid);
}

long p9_build_remove(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid)
{
	return build_fid_only(buf, cap, P9_TREMOVE, tag, fid);
}

long p9_build_stat(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid)
{
	return build_fid_only(buf, cap, P9_TSTAT, tag, fid);
}

long p9_build_wstat(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		    const struct p9_stat *st)
{
	struct p9_out o;
	size_t size = P9_STAT_FIXED + (size_t)st->name.len + st->uid.len +
		      st->gid.len + st->muid.len + st->extension.len;

	/* n[2] counts the stat with its own size[2]; both must fit 16 bits. */
	if (size + 2 > 0xffff)
		return -EINVAL;
	start(&o, buf, cap, P9_TWSTAT, tag);
	put_le(&o, fid, 4);
	put_le(&o, size + 2, 2);
	put_le(&o, size, 2);
	put_le(&o, st->type, 2);
	put_le(&o, st->dev, 4);
	put_qid(&o, &st->qid);
	put_le(&o, st->mode, 4);
	put_le(&o, st->atime, 4);
	put_le(&o, st->mtime, 4);
	put_le(&o, st->length, 8);
	put_str_n(&o, st->name.s, st->name.len);
	put_str_n(&o, st->uid.s, st->uid.len);
	put_str_n(&o, st->gid.s, st->gid.len);
	put_str_n(&o, st->muid.s, st->muid.len);
	put_str_n(&o, st->extension.s, st->extension.len);
	put_le(&o, st->n_uid, 4);
	put_le(&o, st->n_gid, 4);
	put_le(&o, st->n_muid, 4);
	return finish(&o);
}

/*
 * Reads one message's fields; a read past len sets bad and yields zeros,
 * so the caller checks once at the end (get_end) instead of after each.
 */
struct p9_in {
	const uint8_t *buf;
	size_t len;
	size_t off;
	int bad;
};

static const uint8_t *get_bytes(struct p9_in *in, size_t n)
{
	const uint8_t *p;

	if (in->bad || n > in->len - in->off) {
		in->bad = 1;
		return NULL;
	}
	p = in->buf + in->off;
	in->off += n;
	return p;
}

static uint64_t get_le(struct p9_in *in, unsigned int bytes)
{
	const uint8_t *p = get_bytes(in, bytes);
	uint64_t v = 0;

	while (p && bytes--)
		v = v << 8 | p[bytes];
	return v;
}

static void get_str(struct p9_in *in, struct p9_str *s)
{
	uint16_t n = (uint16_t)get_le(in, 2);
	const uint8_t *p = get_bytes(in, n);

	s->s = p ? (const char *)p : "";
	s->len = p ? n : 0;
}

static void get_qid(struct p9_in *in, struct p9_qid *q)
{
	q->type = (uint8_t)get_le(in, 1);
	q->version = (uint32_t)get_le(in, 4);
	q->path = get_le(in, 8);
}

/* 0 if every field was inside and nothing is left over, else -EPROTO. */
static int get_end(const struct p9_in *in)
{
	return in->bad || in->off != in->len ? -EPROTO : 0;
}

static void body_reader(struct p9_in *in, const struct p9_reply *r)
{
	in->buf = r->body;
	in->len = r->body_len;
	in->off = 0;
	in->bad = 0;
}

long p9_message_size(const uint8_t buf[4], uint32_t msize)
{
	uint32_t size = (uint32_t)buf[0] | (uint32_t)buf[1] << 8 |
			(uint32_t)buf[2] << 16 | (uint32_t)buf[3] << 24;

	if (size < P9_HEADER_SIZE || size > msize)
		return -EPROTO;
	return (long)size;
}

/* Rerror: ename[s] errno[4] (9P2000.u), exactly. */
static int rerror(const struct p9_reply *r)
{
	struct p9_in in;
	struct p9_str ename;
	uint32_t err;

	body_reader(&in, r);
	get_str(&in, &ename);
	err = (uint32_t)get_le(&in, 4);
	if (get_end(&in))
		return -EPROTO;
	if (err == 0 || err > P9_ERRNO_MAX)
		return -EIO;
	return -(int)err;
}

int p9_reply_check(const uint8_t *buf, size_t len, uint32_t msize,
		   uint8_t rtype, uint16_t tag, struct p9_reply *r)
{
	struct p9_in in = { .buf = buf, .len = len };

	if (len < P9_HEADER_SIZE || len > msize)
		return -EPROTO;
	if (get_le(&in, 4) != len)
		return -EPROTO;
	r->type = (uint8_t)get_le(&in, 1);
	r->tag = (uint16_t)get_le(&in, 2);
	r->body = buf + P9_HEADER_SIZE;
	r->body_len = (uint32_t)(len - P9_HEADER_SIZE);
	if (r->tag != tag)
		return -EPROTO;
	if (r->type == P9_RERROR && rtype != P9_RERROR)
		return rerror(r);
	if (r->type != rtype)
		return -EPROTO;
	return 0;
}

int p9_parse_rversion(const uint8_t *buf, size_t len, uint32_t msize_sent,
		      uint32_t *msize)
{
	static const char version[] = P9_VERSION_U;
	struct p9_reply r;
	struct p9_in in;
	struct p9_str v;
	uint32_t m;
	int err;

	err = p9_reply_check(buf, len, msize_sent, P9_RVERSION, P9_NOTAG, &r);
	if (err)
		return err;
	body_reader(&in, &r);
	m = (uint32_t)get_le(&in, 4);
	get_str(&in, &v);
	if (get_end(&in))
		return -EPROTO;
	/* version(5): the server may lower msize, never raise it. */
	if (m < P9_MIN_MSIZE || m > msize_sent)
		return -EPROTO;
	if (v.len != sizeof(version) - 1 || memcmp(v.s, version, v.len) != 0)
		return -EOPNOTSUPP;
	*msize = m;
	return 0;
}

int p9_parse_rattach(const uint8_t *buf, size_t len, uint32_t msize,
		     uint16_t tag, struct p9_qid *qid)
{
	struct p9_reply r;
	struct p9_in in;
	int err;

	err = p9_reply_check(buf, len, msize, P9_RATTACH, tag, &r);
	if (err)
		return err;
	body_reader(&in, &r);
	get_qid(&in, qid);
	return get_end(&in);
}

int p9_parse_rwalk(const uint8_t *buf, size_t len, uint32_t msize,
		   uint16_t tag, unsigned int nwname_sent,
		   struct p9_qid *qids, unsigned int *nwqid)
{
	struct p9_reply r;
	struct p9_in in;
	unsigned int n, i;
	int err;

	err = p9_reply_check(buf, len, msize, P9_RWALK, tag, &r);
	if (err)
		return err;
	body_reader(&in, &r);
	n = (unsigned int)get_le(&in, 2);
	if (n > nwname_sent || n > P9_MAXWELEM)
		return -EPROTO;
	/* Bounds first, so no qid is written from a short message. */
	if (r.body_len != 2 + (size_t)n * P9_QID_SIZE)
		return -EPROTO;
	for (i = 0; i < n; i++)
		get_qid(&in, &qids[i]);
	err = get_end(&in);
	if (err)
		return err;
	*nwqid = n;
	return 0;
}

int p9_parse_ropen(const uint8_t *buf, size_t len, uint32_t msize,
		   uint16_t tag, uint8_t rtype, struct p9_qid *qid,
		   uint32_t *iounit)
{
	struct p9_reply r;
	struct p9_in in;
	int err;

	if (rtype != P9_ROPEN && rtype != P9_RCREATE)
		return -EINVAL;
	err = p9_reply_check(buf, len, msize, rtype, tag, &r);
	if (err)
		return err;
	body_reader(&in, &r);
	get_qid(&in, qid);
	*iounit = (uint32_t)get_le(&in, 4);
	return get_end(&in);
}

int p9_parse_rread(const uint8_t *buf, size_t len, uint32_t msize,
		   uint16_t tag, uint32_t count_sent, const uint8_t **data,
		   uint32_t *count)
{
	struct p9_reply r;
	struct p9_in in;
	const uint8_t *p;
	uint32_t n;
	int err;

	err = p9_reply_check(buf, len, msize, P9_RREAD, tag, &r);
	if (err)
		return err;
	body_reader(&in, &r);
	n = (uint32_t)get_le(&in, 4);
	if (n > count_sent)
		return -EPROTO;
	p = get_bytes(&in, n);
	err = get_end(&in);
	if (err)
		return err;
	*data = p;
	*count = n;
	return 0;
}

int p9_parse_rwrite(const uint8_t *buf, size_t len, uint32_t msize,
		    uint16_t tag, uint32_t count_sent, uint32_t *count)
{
	struct p9_reply r;
	struct p9_in in;
	uint32_t n;
	int err;

	err = p9_reply_check(buf, len, msize, P9_RWRITE, tag, &r);
	if (err)
		return err;
	body_reader(&in, &r);
	n = (uint32_t)get_le(&in, 4);
	err = get_end(&in);
	if (err)
		return err;
	if (n > count_sent)
		return -EPROTO;
	*count = n;
	return 0;
}

int p9_parse_rempty(const uint8_t *buf, size_t len, uint32_t msize,
		    uint16_t tag, uint8_t rtype)
{
	struct p9_reply r;
	int err;

	if (rtype != P9_RCLUNK && rtype != P9_RREMOVE &&
	    rtype != P9_RWSTAT && rtype != P9_RFLUSH)
		return -EINVAL;
	err = p9_reply_check(buf, len, msize, rtype, tag, &r);
	if (err)
		return err;
	return r.body_len ? -EPROTO : 0;
}

long p9_stat_parse(const uint8_t *buf, size_t len, struct p9_stat *st)
{
	struct p9_in in = { .buf = buf, .len = len };
	size_t size, fields;

	size = (size_t)get_le(&in, 2);
	st->type = (uint16_t)get_le(&in, 2);
	st->dev = (uint32_t)get_le(&in, 4);
	get_qid(&in, &st->qid);
	st->mode = (uint32_t)get_le(&in, 4);
	st->atime = (uint32_t)get_le(&in, 4);
	st->mtime = (uint32_t)get_le(&in, 4);
	st->length = get_le(&in, 8);
	get_str(&in, &st->name);
	get_str(&in, &st->uid);
	get_str(&in, &st->gid);
	get_str(&in, &st->muid);
	get_str(&in, &st->extension);
	st->n_uid = (uint32_t)get_le(&in, 4);
	st->n_gid = (uint32_t)get_le(&in, 4);
	st->n_muid = (uint32_t)get_le(&in, 4);
	if (in.bad)
		return -EPROTO;
	fields = in.off - 2;
	if (size != fields && size != fields + P9_STAT_XEN_SLACK)
		return -EPROTO;
	return (long)in.off;
}

long p9_dirent_parse(const uint8_t *buf, size_t len, struct p9_stat *st,
		     bool *xen)
{
	long used;

	*xen = false;
	if (len >= 4 && (buf[0] | buf[1] << 8) == (buf[2] | buf[3] << 8) + 2) {
		used = p9_stat_parse(buf + 2, len - 2, st);
		if (used >= 0) {
			*xen = true;
			return used + 2;
		}
	}
	return p9_stat_parse(buf, len, st);
}

bool p9_dir_done(size_t left, unsigned int xen)
{
	return left == 0 || (xen && left == (size_t)xen * P9_DIR_XEN_OVERCOUNT);
}

int p9_parse_rstat(const uint8_t *buf, size_t len, uint32_t msize,
		   uint16_t tag, struct p9_stat *st)
{
	struct p9_reply r;
	struct p9_in in;
	size_t n;
	long used;
	int err;

	err = p9_reply_check(buf, len, msize, P9_RSTAT, tag, &r);
	if (err)
		return err;
	body_reader(&in, &r);
	n = (size_t)get_le(&in, 2);
	if (in.bad)
		return -EPROTO;
	used = p9_stat_parse(r.body + 2, r.body_len - 2, st);
	if (used < 0)
		return (int)used;
	/*
	 * Nothing after the stat, and n[2] counts the stat with its own
	 * size[2] (which p9_stat_parse read, so it is inside the message).
	 */
	if ((size_t)used != r.body_len - 2)
		return -EPROTO;
	if (n != (size_t)(r.body[2] | r.body[3] << 8) + 2)
		return -EPROTO;
	return 0;
}
