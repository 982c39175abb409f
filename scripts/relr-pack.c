/*
 * relr-pack ELF BIN: replace the RELA relocations at the end of BIN (the
 * flat image objcopy made from ELF) by their RELR encoding
 * (scripts/relr.h), and cut BIN to its end.  Debian 12's ld cannot emit
 * RELR for arm64; 24-byte RELA entries for ~250 pointers cost 5.8 KB.
 *
 * boot/kernel.ld puts .rela.dyn last in the file, so the packed stream
 * takes its place: BIN then ends with it.  Each relocated word gets its
 * addend stored in place (RELR adds the load address to what is there),
 * found in BIN through the program headers (data is stored below its run
 * address); the stream names run addresses, as head.S applies it after
 * moving data there.
 * Anything but R_AARCH64_RELATIVE (and R_AARCH64_NONE, a slot ld left
 * empty) fails, as scripts/check-relocs.sh does for the ELF.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scripts/relr.h"

static const char *prog = "relr-pack";

static void die(const char *what)
{
	fprintf(stderr, "%s: %s\n", prog, what);
	exit(1);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die(path);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die(path);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The .rela.dyn section header of the ELF image in elf[0..len). */
static const Elf64_Shdr *find_rela(const unsigned char *elf, size_t len)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;
	const Elf64_Shdr *sh, *names;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_AARCH64)
		die("not a little-endian AArch64 ELF64 file");
	if (eh->e_shentsize != sizeof(*sh) || eh->e_shoff > len ||
	    (len - eh->e_shoff) / sizeof(*sh) < eh->e_shnum ||
	    eh->e_shstrndx >= eh->e_shnum)
		die("bad section headers");
	sh = (const Elf64_Shdr *)(elf + eh->e_shoff);
	names = &sh[eh->e_shstrndx];
	if (names->sh_offset > len || names->sh_size > len - names->sh_offset)
		die("bad section name table");
	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		const char *name = (const char *)elf + names->sh_offset +
				   sh[i].sh_name;

		if (sh[i].sh_name >= names->sh_size ||
		    strnlen(name, names->sh_size - sh[i].sh_name) ==
			    names->sh_size - sh[i].sh_name)
			die("bad section name");
		if (strcmp(name, ".rela.dyn"))
			continue;
		if (sh[i].sh_type != SHT_RELA ||
		    sh[i].sh_entsize != sizeof(Elf64_Rela) ||
		    sh[i].sh_size % sizeof(Elf64_Rela) ||
		    sh[i].sh_offset > len ||
		    sh[i].sh_size > len - sh[i].sh_offset || sh[i].sh_addr % 8)
			die(".rela.dyn is not an aligned table of Elf64_Rela");
		return &sh[i];
	}
	die("no .rela.dyn section");
	return NULL;
}

/*
 * Where the byte at run address v is in BIN: the loadable segment's load
 * address (p_paddr; BIN starts at load address 0) plus v's offset in it.
 * boot/kernel.ld stores rodata and data packed, below their run
 * addresses.  Returns 0 when no segment's file bytes hold v.
 */
static int file_offset(const unsigned char *elf, size_t len, uint64_t v,
		       uint64_t *off)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;
	const Elf64_Phdr *ph;

	if (eh->e_phentsize != sizeof(*ph) || eh->e_phoff > len ||
	    (len - eh->e_phoff) / sizeof(*ph) < eh->e_phnum)
		die("bad program headers");
	ph = (const Elf64_Phdr *)(elf + eh->e_phoff);
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || v < ph[i].p_vaddr ||
		    v - ph[i].p_vaddr >= ph[i].p_filesz)
			continue;
		*off = ph[i].p_paddr + (v - ph[i].p_vaddr);
		return 1;
	}
	return 0;
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	size_t elf_len, bin_len, n = 0, count;
	unsigned char *elf, *bin;
	const Elf64_Shdr *rela;
	const Elf64_Rela *r;
	uint64_t *offsets, *packed, *check;
	long used, decoded;
	uint64_t rela_at;
	FILE *f;

	if (argc != 3)
		die("usage: relr-pack ELF BIN");
	elf = slurp(argv[1], &elf_len);
	bin = slurp(argv[2], &bin_len);
	rela = find_rela(elf, elf_len);
	if (!file_offset(elf, elf_len, rela->sh_addr, &rela_at) ||
	    rela_at + rela->sh_size != bin_len)
		die(".rela.dyn is not the end of BIN (boot/kernel.ld)");
	count = rela->sh_size / sizeof(*r);
	r = (const Elf64_Rela *)(elf + rela->sh_offset);
	offsets = calloc(count + 1, sizeof(*offsets));
	packed = calloc(count + 1, sizeof(*packed));
	check = calloc(count + 1, sizeof(*check));
	if (!offsets || !packed || !check)
		die("out of memory");
	for (size_t i = 0; i < count; i++) {
		uint64_t off = r[i].r_offset, add = (uint64_t)r[i].r_addend;
		uint64_t at;

		if (ELF64_R_TYPE(r[i].r_info) == R_AARCH64_NONE)
			continue;
		if (ELF64_R_TYPE(r[i].r_info) != R_AARCH64_RELATIVE)
			die("a relocation other than R_AARCH64_RELATIVE");
		if (off % 8 || !file_offset(elf, elf_len, off, &at) ||
		    at > rela_at - 8)
			die("a relocation outside the image before .rela.dyn");
		memcpy(bin + at, &add, sizeof(add));
		offsets[n++] = off;
	}
	qsort(offsets, n, sizeof(*offsets), by_value);
	used = relr_encode(offsets, n, packed, count);
	if (used == -EINVAL)
		die("relocations at offset 0 or twice at one offset");
	if (used < 0)
		die("the RELR stream is larger than the RELA table");
	decoded = relr_decode(packed, (size_t)used, check, count + 1);
	if (decoded != (long)n || memcmp(check, offsets, n * sizeof(*check)))
		die("the RELR stream does not decode to the relocations");
	memcpy(bin + rela_at, packed, (size_t)used * sizeof(*packed));
	bin_len = rela_at + (size_t)used * sizeof(*packed);
	f = fopen(argv[2], "wb");
	if (!f || fwrite(bin, 1, bin_len, f) != bin_len || fclose(f))
		die(argv[2]);
	if (getenv("V") && *getenv("V"))
		printf("relr-pack: %zu relocations, %zu bytes of RELA, %ld of RELR\n",
		       n, (size_t)rela->sh_size, used * 8);
	free(offsets);
	free(packed);
	free(check);
	free(elf);
	free(bin);
	return 0;
}
