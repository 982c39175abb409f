# Boot tests: the one build/zephyr.bin on QEMU's virt machine, bare.
# Included by the top-level Makefile.

# trampoline-IMAGE-DTB.bin: see tests/boot/trampoline.S.
$(BUILD)/tests/trampoline-%.bin: tests/boot/trampoline.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) -c -DIMAGE=$(word 1,$(subst -, ,$*)) \
		-DDTB=$(word 2,$(subst -, ,$*)) $< -o $@.o
	$(Q)$(OBJCOPY) -O binary $@.o $@

BARE_TRAMPOLINES := $(BUILD)/tests/trampoline-0x48200000-0x40000000.bin \
	$(BUILD)/tests/trampoline-0x7fe00000-0x40000000.bin

.PHONY: boot-tests boot-tests-bare
boot-tests: boot-tests-bare

boot-tests-bare: $(BUILD)/zephyr.bin $(BARE_TRAMPOLINES)
	tests/boot/bare.sh $(BUILD)/zephyr.bin $(BUILD)/tests
