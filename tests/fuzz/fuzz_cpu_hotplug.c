/*
 * libFuzzer harness: xen/cpu_hotplug_path.c's reading of a XenStore watch
 * path under cpu/ (xenstored sends it; `xl vcpu-set` writes the keys).
 * The input is the path, made a C string.  Besides ASan/UBSan, it asserts
 * that a named vCPU is in range and that the path really spells it:
 * formatted back, its number matches the input's digits.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xen/cpu_hotplug.h"

int LLVMFuzzerTestOneInput(const uint8_t *b, size_t size)
{
	char *path = malloc(size + 1), digits[16];
	int vcpu;

	if (!path)
		return 0;
	memcpy(path, b, size);
	path[size] = '\0';
	vcpu = cpu_hotplug_vcpu(path);
	assert(vcpu >= -1 && vcpu < CPU_HOTPLUG_MAX_VCPUS);
	if (vcpu >= 0) {
		snprintf(digits, sizeof(digits), "cpu/%d", vcpu);
		assert(strstr(path, digits) != NULL);
	}
	free(path);
	return 0;
}
