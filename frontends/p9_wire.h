/*
 * 9P2000.u messages (the protocol Xen's xen-9pfsd speaks over the 9pfs
 * transport): T-messages built into a caller's buffer, R-messages checked
 * and decoded.  Pure code (no hypercalls, no printk, no allocation): the
 * host unit tests and fuzz_p9_wire run it as the kernel does.
 *
 * The server is another domain and is not trusted.  A reply is used only
 * if its size field equals the bytes received and is within msize, its
 * tag is the request's, its type is the request's plus one (or Rerror),
 * and every field, nested length and count lies inside the message;
 * fixed-size replies must be exactly their size.  Strings are handed back
 * as (pointer, length) views into the caller's buffer, not terminated.
 *
 * Results: >= 0 on success (a builder: the message's length), a negative
 * Linux errno otherwise:
 *   -EMSGSIZE  a T-message does not fit the buffer given;
 *   -EINVAL    a builder's argument the protocol cannot carry (a string
 *              over 65535 bytes, more than P9_MAXWELEM names);
 *   -EPROTO    a reply that breaks the protocol (the connection should
 *              be dropped);
 *   -errno     an Rerror: the server's errno (a Linux one: xen-9pfsd
 *              runs in a Linux dom0), or -EIO when it sent none (0) or
 *              one out of Linux's range.
 */
#ifndef FRONTENDS_P9_WIRE_H
#define FRONTENDS_P9_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* size[4] type[1] tag[2] */
#define P9_HEADER_SIZE	7
#define P9_QID_SIZE	13
/* Tversion's tag, and "no fid" (Tattach's afid without authentication). */
#define P9_NOTAG	0xffffu
#define P9_NOFID	0xffffffffu
/* The most names one Twalk may carry (walk(5)). */
#define P9_MAXWELEM	16
/* 9P2000.u's "no numeric id" for n_uname and the stat's n_uid. */
#define P9_NONUNAME	0xffffffffu
/*
 * The smallest msize we accept from Rversion: a reply must at least hold
 * a header, a qid and a useful Rread.  xen-9pfsd refuses anything under
 * 2048, so a smaller answer is a broken server.
 */
#define P9_MIN_MSIZE	2048u
#define P9_VERSION_U	"9P2000.u"

enum p9_type {
	P9_TVERSION = 100,
	P9_RVERSION,
	P9_TAUTH,
	P9_RAUTH,
	P9_TATTACH,
	P9_RATTACH,
	P9_TERROR,		/* not a message: never sent */
	P9_RERROR,
	P9_TFLUSH,
	P9_RFLUSH,
	P9_TWALK,
	P9_RWALK,
	P9_TOPEN,
	P9_ROPEN,
	P9_TCREATE,
	P9_RCREATE,
	P9_TREAD,
	P9_RREAD,
	P9_TWRITE,
	P9_RWRITE,
	P9_TCLUNK,
	P9_RCLUNK,
	P9_TREMOVE,
	P9_RREMOVE,
	P9_TSTAT,
	P9_RSTAT,
	P9_TWSTAT,
	P9_RWSTAT,
};

/* Topen's and Tcreate's mode (open(5)). */
#define P9_OREAD	0x00
#define P9_OWRITE	0x01
#define P9_ORDWR	0x02
#define P9_OTRUNC	0x10
#define P9_ORCLOSE	0x40
/* The directory bit of a qid's type and of a stat's or Tcreate's mode. */
#define P9_QTDIR	0x80
#define P9_DMDIR	0x80000000u

struct p9_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path;
};

/* A string inside a message: len bytes at s, no terminator. */
struct p9_str {
	const char *s;
	uint16_t len;
};

/* A 9P2000.u stat (stat(5) plus extension and the numeric ids). */
struct p9_stat {
	uint16_t type;
	uint32_t dev;
	struct p9_qid qid;
	uint32_t mode;
	uint32_t atime;
	uint32_t mtime;
	uint64_t length;
	struct p9_str name;
	struct p9_str uid;
	struct p9_str gid;
	struct p9_str muid;
	struct p9_str extension;
	uint32_t n_uid;
	uint32_t n_gid;
	uint32_t n_muid;
};

/*
 * Builders.  Each writes one T-message at buf (at most cap bytes: the
 * caller passes the smaller of its buffer and the negotiated msize) and
 * returns its length, or -EMSGSIZE / -EINVAL (buf's content then
 * undefined).  Strings are NUL-terminated C strings.
 */
long p9_build_version(uint8_t *buf, size_t cap, uint32_t msize,
		      const char *version);
long p9_build_attach(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		     uint32_t afid, const char *uname, const char *aname,
		     uint32_t n_uname);
long p9_build_walk(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		   uint32_t newfid, unsigned int nwname,
		   const char *const *names);
long p9_build_open(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		   uint8_t mode);
long p9_build_create(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		     const char *name, uint32_t perm, uint8_t mode,
		     const char *extension);
long p9_build_read(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		   uint64_t offset, uint32_t count);
long p9_build_write(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		    uint64_t offset, const void *data, uint32_t count);
long p9_build_clunk(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid);
long p9_build_remove(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid);
long p9_build_stat(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid);
/* st's strings are (pointer, length) views, as the parser returns them. */
long p9_build_wstat(uint8_t *buf, size_t cap, uint16_t tag, uint32_t fid,
		    const struct p9_stat *st);

/*
 * The size field of a message whose first 4 bytes are at buf, checked
 * before the rest is read from the ring: P9_HEADER_SIZE..msize, else
 * -EPROTO.
 */
long p9_message_size(const uint8_t buf[4], uint32_t msize);

/*
 * A reply's body, after p9_reply_check: body_len bytes at body (the
 * message minus its header).
 */
struct p9_reply {
	uint8_t type;
	uint16_t tag;
	const uint8_t *body;
	uint32_t body_len;
};

/*
 * The checks every reply passes: len (bytes received) within
 * P9_HEADER_SIZE..msize and equal to the size field, tag == the
 * request's, type == rtype or Rerror.  An Rerror is decoded (ename in
 * bounds, exactly ename and errno in the body) and its errno returned;
 * otherwise 0 and *r filled.
 */
int p9_reply_check(const uint8_t *buf, size_t len, uint32_t msize,
		   uint8_t rtype, uint16_t tag, struct p9_reply *r);

/*
 * Per reply: buf/len/msize/tag as for p9_reply_check, then what the
 * request asked, to bound the answer.
 */
/* msize_sent: Tversion's.  *msize: the server's, P9_MIN_MSIZE..msize_sent;
 * -EOPNOTSUPP if the server does not speak 9P2000.u ("unknown"). */
int p9_parse_rversion(const uint8_t *buf, size_t len, uint32_t msize_sent,
		      uint32_t *msize);
int p9_parse_rattach(const uint8_t *buf, size_t len, uint32_t msize,
		     uint16_t tag, struct p9_qid *qid);
/* qids[] holds nwname_sent; *nwqid <= nwname_sent (fewer: the walk
 * stopped at a missing name, walk(5)). */
int p9_parse_rwalk(const uint8_t *buf, size_t len, uint32_t msize,
		   uint16_t tag, unsigned int nwname_sent,
		   struct p9_qid *qids, unsigned int *nwqid);
/* Ropen and Rcreate: rtype P9_ROPEN or P9_RCREATE. */
int p9_parse_ropen(const uint8_t *buf, size_t len, uint32_t msize,
		   uint16_t tag, uint8_t rtype, struct p9_qid *qid,
		   uint32_t *iounit);
/* *data points into buf; *count <= count_sent. */
int p9_parse_rread(const uint8_t *buf, size_t len, uint32_t msize,
		   uint16_t tag, uint32_t count_sent, const uint8_t **data,
		   uint32_t *count);
/* *count <= count_sent. */
int p9_parse_rwrite(const uint8_t *buf, size_t len, uint32_t msize,
		    uint16_t tag, uint32_t count_sent, uint32_t *count);
/* Rclunk, Rremove, Rwstat (and Rflush): an empty body. */
int p9_parse_rempty(const uint8_t *buf, size_t len, uint32_t msize,
		    uint16_t tag, uint8_t rtype);
int p9_parse_rstat(const uint8_t *buf, size_t len, uint32_t msize,
		   uint16_t tag, struct p9_stat *st);

/*
 * One stat at buf (at most len bytes), its strings pointing into buf.
 * Returns the bytes it takes, or -EPROTO.
 *
 * xen-9pfsd (Xen 4.19, 4.20; tools/9pfsd/io.c, fill_p9_stat) writes a
 * stat's size 10 larger than the fields it encodes (71 + strlen(name)
 * where the 9P2000.u fields take 61).  So a size equal to the fields'
 * length, or to it + P9_STAT_XEN_SLACK, is accepted, and the stat takes
 * the fields' length; the fields are always read within len.
 */
#define P9_STAT_XEN_SLACK	10
long p9_stat_parse(const uint8_t *buf, size_t len, struct p9_stat *st);

/*
 * One entry of a directory's Rread data at buf (at most len bytes: the
 * rest of it): the bytes it takes (the next entry's offset), or -EPROTO.
 *
 * stat(5) packs directory entries as bare stats.  xen-9pfsd writes each
 * as it writes Rstat's body instead: n[2] = size + 2 before the stat
 * (seen on the wire from Xen 4.20's daemon: "." began 4a 00 48 00, then
 * the stat's 61 + 1 bytes of fields, and the next entry right after).
 * An entry whose first two 16-bit words are n and n - 2, and whose stat
 * then parses, is taken that way (*xen set); any other as a bare stat.
 */
long p9_dirent_parse(const uint8_t *buf, size_t len, struct p9_stat *st,
		     bool *xen);

/*
 * xen-9pfsd counts each entry of its layout in Rread's count as n + 2
 * bytes where it wrote n - P9_STAT_XEN_SLACK + 4: P9_DIR_XEN_OVERCOUNT
 * more, all of them after the last entry (seen from Xen 4.20: a count of
 * 622 for 8 entries in 558 bytes, then 64 zero bytes).
 */
#define P9_DIR_XEN_OVERCOUNT	(P9_STAT_XEN_SLACK - 2)

/* Whether left bytes of directory data, after xen entries of
 * xen-9pfsd's layout, hold no more entries: none, or its overcount. */
bool p9_dir_done(size_t left, unsigned int xen);

#endif
