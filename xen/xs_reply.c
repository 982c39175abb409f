#include "xen/xs_reply.h"

void xs_reply_expect(struct xs_reply_slot *s, uint32_t req_id)
{
	s->req_id = req_id;
	s->waiting = true;
	s->answered = false;
}

bool xs_reply_offer(struct xs_reply_slot *s, const struct xsd_sockmsg *hdr)
{
	if (!s->waiting || s->answered || hdr->req_id != s->req_id) {
		s->stale++;
		return false;
	}
	s->answered = true;
	return true;
}

int xs_reply_collect(struct xs_reply_slot *s, uint32_t req_id,
		     bool timed_out)
{
	if (s->waiting && s->req_id == req_id && s->answered) {
		s->waiting = false;
		return 0;
	}
	if (!timed_out)
		return -EAGAIN;
	if (s->req_id == req_id)
		s->waiting = false;
	return -ETIMEDOUT;
}
