#include <stdio.h>

#include "kernel/errno.h"
#include "frontends/vbd_name.h"

#define VDEV_EXTENDED	(1u << 28)

/* Disk 0 is "a", 25 "z", 26 "aa": bijective base 26, as Linux names. */
static size_t disk_letters(uint32_t disk, char *out)
{
	char rev[8];
	size_t n = 0, i;

	do {
		rev[n++] = (char)('a' + disk % 26);
		disk = disk / 26;
	} while (disk-- > 0 && n < sizeof(rev));
	for (i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
	return n;
}

int vbd_name(uint32_t vdev, char *buf, size_t len)
{
	const char *prefix;
	uint32_t disk, part;
	char letters[9];
	int n;

	if (vdev & VDEV_EXTENDED) {
		if (vdev >> 29)
			return -EINVAL;
		prefix = "xvd";
		disk = (vdev >> 8) & 0xfffff;
		part = vdev & 0xff;
	} else {
		switch (vdev >> 8) {
		case 202:
			prefix = "xvd";
			disk = (vdev >> 4) & 0xf;
			part = vdev & 0xf;
			break;
		case 8:
			prefix = "sd";
			disk = (vdev >> 4) & 0xf;
			part = vdev & 0xf;
			break;
		case 3:
		case 22:
			prefix = "hd";
			disk = ((vdev >> 8) == 22 ? 2 : 0) + ((vdev >> 6) & 1);
			part = vdev & 0x3f;
			break;
		default:
			return -EINVAL;
		}
	}
	disk_letters(disk, letters);
	if (part)
		n = snprintf(buf, len, "%s%s%u", prefix, letters, part);
	else
		n = snprintf(buf, len, "%s%s", prefix, letters);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : n;
}
