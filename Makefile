# Makefile - builds the kernel, its ISO and initramfs, the user programs and
# the tests. `make help` lists the targets.

CROSS		?= i686-linux-gnu-
CC		:= $(CROSS)gcc
LD		:= $(CROSS)ld
NM		:= $(CROSS)nm
OBJDUMP		:= $(CROSS)objdump
NASM		:= nasm
QEMU		:= qemu-system-i386
B		:= build
# make DEBUG=1: the debug kernel (README "Debug kernel") in build/debug/, so
# the tested kernel in build/ stays as it is
ifeq ($(DEBUG),1)
B		:= build/debug
endif

KCFLAGS := -std=gnu11 -ffreestanding -nostdlib -fno-pic -fno-pie -fno-stack-protector \
	-mno-sse -mno-mmx -mno-80387 -m32 -O2 -g -Wall -Wextra -Werror \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-fno-delete-null-pointer-checks -Iinclude -MD -MP
KLDFLAGS := -nostdlib -static -T linker.ld -Map=$(B)/kernel.map
LIBGCC := $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

# what DEBUG=1 turns on: slab red zones and poison, page poisoning, list
# checks, sleeping and returning to user space in the wrong context, stack canaries
DEBUG_CONFIGS := DEBUG_KERNEL DEBUG_SLAB PAGE_POISONING DEBUG_LIST DEBUG_SPINLOCK_SLEEP \
	DEBUG_STACKOVERFLOW
ifeq ($(DEBUG),1)
KCFLAGS += $(addprefix -DCONFIG_,$(DEBUG_CONFIGS))
NASMFLAGS += $(addprefix -DCONFIG_,$(DEBUG_CONFIGS))
endif

KDIRS := boot kernel mm lib fs ipc net tests/kernel
KSRC_C := $(sort $(foreach d,$(KDIRS),$(shell find $(d) -name '*.c' 2>/dev/null)))
KSRC_S := $(sort $(wildcard boot/*.asm))
KOBJS := $(patsubst %.c,$(B)/obj/%.o,$(KSRC_C)) $(patsubst %.asm,$(B)/obj/%.o,$(KSRC_S)) \
	$(B)/obj/config_data.o

# user programs: static i386 glibc, the same binary on Linux and on this kernel
UCFLAGS := -static -O2 -g -Wall -Wextra -Werror -Itests/user -Iuser
USER_PROGS := $(patsubst user/%.c,$(B)/user/%,$(wildcard user/*.c))
BENCH_PROGS := $(patsubst user/bench/%.c,$(B)/user/bench/%,$(wildcard user/bench/*.c))
TEST_PROGS := $(patsubst tests/user/%.c,$(B)/tests/user/%,$(wildcard tests/user/*.c))
# tests/user/dyn_*.c are linked dynamically (PT_INTERP /lib/ld-linux.so.2, PIE),
# and find the libraries of tests/user/lib/*.c (build/tests/lib/*.so, /lib in
# the image) next to them on the host: rpath $ORIGIN/../lib
UCFLAGS_DYN := $(filter-out -static,$(UCFLAGS)) -Wl,-z,relro,-z,now -Wl,-rpath,'$$ORIGIN/../lib'
TEST_LIBS := $(patsubst tests/user/lib/%.c,$(B)/tests/lib/%.so,$(wildcard tests/user/lib/*.c))

# make debug IPC_OPT=-Og: a second kernel in build/og whose IPC paths keep
# their arguments and locals for gdb (not <optimized out>); tests use -O2
IPC_OPT ?=
ifneq ($(IPC_OPT),)
IPC_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(wildcard ipc/*.c) fs/pipe.c fs/fifo.c fs/splice.c \
	net/unix/af_unix.c kernel/futex.c kernel/waitgraph.c)
$(IPC_OBJS): KCFLAGS += $(IPC_OPT)
endif

# make run DEBIAN=1: the larger image (build/initramfs-debian.cpio), with more
# memory for its 60-odd MiB unpacked into the root ramfs
QEMU_MEM ?= $(if $(filter 1,$(DEBIAN)),512,256)
QEMU_FLAGS := -m $(QEMU_MEM) -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4
# make run SMP=4: four CPUs (up to 8), each a host thread (multi-threaded TCG)
SMP ?=
comma := ,
QEMU_FLAGS += $(if $(SMP),-smp $(SMP) -accel tcg$(comma)thread=multi)
KERNEL_ARGS ?=

.PHONY: all kernel iso user tests initramfs initramfs-debian stress run run-vga run-iso debug test test-host bench fuzz clean deps help

all: kernel user tests initramfs $(B)/syscalls.md

# every system-call number: implemented where, or the answer it gives and why
$(B)/syscalls.md: kernel/syscall.c tools/syscall_table.py
	@mkdir -p $(B)
	@python3 tools/syscall_table.py $@

kernel: $(B)/kernel.elf

# the system-call table overrides its default entry slot by slot
$(B)/obj/kernel/syscall.o: KCFLAGS += -Wno-override-init

# tests run in the order they are written
$(B)/obj/tests/%.o: KCFLAGS += -fno-toplevel-reorder

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

# /proc/config.gz (kernel/configs.c): the configuration worked out from the
# tree, gzipped, as a C array
$(B)/config_data.c: scripts/mkconfig.sh $(KSRC_C) include/kernel/timer.h include/kernel/boot.h
	@mkdir -p $(B)
	@DEBUG_CONFIGS="$(if $(filter 1,$(DEBUG)),$(DEBUG_CONFIGS))" sh scripts/mkconfig.sh > $(B)/.config
	@gzip -9n < $(B)/.config > $(B)/config_data.gz
	@{ echo "const unsigned char kernel_config_data[] = {"; \
	   od -An -v -tx1 $(B)/config_data.gz | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo "};"; \
	   echo "const unsigned long kernel_config_data_size = sizeof(kernel_config_data);"; } > $@

$(B)/obj/config_data.o: $(B)/config_data.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(B)/obj/%.o: %.asm
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(NASM) -f elf32 -g -F dwarf $(NASMFLAGS) $< -o $@

# Two links, as Linux's kallsyms: the first with an empty symbol table, whose
# symbols then fill .ksyms for the second. .ksyms is last in linker.ld, so
# nothing else moves between the two (checked below).
$(B)/ksyms0.asm: tools/mkksyms.sh
	@mkdir -p $(B)
	@sh tools/mkksyms.sh < /dev/null > $@

$(B)/%.o: $(B)/%.asm
	@$(NASM) -f elf32 $< -o $@

$(B)/kernel.tmp.elf: $(KOBJS) $(B)/ksyms0.o linker.ld
	@echo "  LD      $@"
	@$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(B)/ksyms0.o $(LIBGCC)

$(B)/ksyms.asm: $(B)/kernel.tmp.elf tools/mkksyms.sh
	@$(NM) -n $< | sh tools/mkksyms.sh > $@

$(B)/kernel.elf: $(B)/kernel.tmp.elf $(B)/ksyms.o
	@echo "  LD      $@ (with symbols)"
	@$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(B)/ksyms.o $(LIBGCC)
	@$(NM) -n $@ > $(B)/System.map
	@$(NM) -n $< | grep -v kallsyms | grep -v " _end$$" > $(B)/.syms1; grep -v kallsyms $(B)/System.map | grep -v " _end$$" > $(B)/.syms2; \
	 cmp -s $(B)/.syms1 $(B)/.syms2 || { echo "symbols moved between the two links"; exit 1; }

iso: $(B)/kernel.iso

$(B)/kernel.iso: $(B)/kernel.elf $(B)/initramfs.cpio boot/grub.cfg
	@mkdir -p $(B)/iso/boot/grub
	cp $(B)/kernel.elf $(B)/iso/boot/kernel.elf
	cp $(B)/initramfs.cpio $(B)/iso/boot/initramfs.cpio
	cp boot/grub.cfg $(B)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/iso 2> $(B)/grub-mkrescue.log || { cat $(B)/grub-mkrescue.log; exit 1; }

user: $(USER_PROGS) $(BENCH_PROGS)
tests: $(TEST_PROGS) $(TEST_LIBS) $(B)/tests/fuzz/fuzz

# the root file system's contents (tools/mkinitramfs.sh describes the layout)
initramfs: $(B)/initramfs.cpio

# Debian's busybox-static for i386, fetched once by make deps (tools/fetch-busybox.sh)
BUSYBOX ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/ipckernel/busybox/busybox

$(B)/initramfs.cpio: $(USER_PROGS) $(BENCH_PROGS) $(TEST_PROGS) $(TEST_LIBS) tools/mkinitramfs.sh \
		$(wildcard tools/rootfs/etc/*) $(wildcard $(BUSYBOX))
	@echo "  CPIO    $@"
	@B=$(B) BUSYBOX=$(BUSYBOX) sh tools/mkinitramfs.sh $@

# the larger image with Debian's i386 userland under /usr (make deps fetches
# it, tools/fetch-debian.sh; tools/mkinitramfs.sh describes the layout)
DEBIAN_ROOT ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/ipckernel/debian/root
initramfs-debian: $(B)/initramfs-debian.cpio

$(B)/initramfs-debian.cpio: $(B)/initramfs.cpio $(wildcard $(DEBIAN_ROOT)/.complete)
	@echo "  CPIO    $@"
	@B=$(B) BUSYBOX=$(BUSYBOX) DEBIAN_ROOT=$(DEBIAN_ROOT) sh tools/mkinitramfs.sh $@

$(B)/user/%: user/%.c $(wildcard user/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) $< -o $@

$(B)/user/bench/%: user/bench/%.c $(wildcard user/bench/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) -Iuser/bench $< -o $@

$(B)/tests/user/%: tests/user/%.c $(wildcard tests/user/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) $< -o $@

$(B)/tests/user/dyn_%: tests/user/dyn_%.c $(wildcard tests/user/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS_DYN) $< -o $@ -ldl

# a test program's shared library (not executable, so no runner takes it for a test)
$(B)/tests/lib/%.so: tests/user/lib/%.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -Wall -Wextra -Werror -fPIC -shared $< -o $@ -lm
	@chmod 644 $@

# the fuzzer (tests/fuzz/): its call table comes from kernel/syscall.c
FUZZ_TABLE := $(B)/tests/fuzz/table.h
$(FUZZ_TABLE): tests/fuzz/mktable.py tools/syscall_table.py kernel/syscall.c
	@mkdir -p $(dir $@)
	@python3 tests/fuzz/mktable.py $@

$(B)/tests/fuzz/fuzz: tests/fuzz/fuzz.c $(FUZZ_TABLE)
	$(CC) $(UCFLAGS) -I$(B)/tests/fuzz $< -o $@

$(B)/tests/user/fuzz_short $(B)/tests/user/fuzz_shared_page_poll: $(B)/tests/user/%: tests/user/%.c \
		tests/fuzz/fuzz.c $(FUZZ_TABLE) tests/user/utest.h
	@mkdir -p $(dir $@)
	$(CC) $(UCFLAGS) -I$(B)/tests/fuzz $< -o $@

deps:
	@sh tools/deps.sh

RUN_INITRD := $(B)/initramfs$(if $(filter 1,$(DEBIAN)),-debian).cpio

run: deps kernel initramfs $(RUN_INITRD)
	$(QEMU) $(QEMU_FLAGS) -display none -serial mon:stdio -kernel $(B)/kernel.elf \
		-initrd $(RUN_INITRD) -append "$(KERNEL_ARGS)"

run-vga: deps kernel initramfs
	$(QEMU) $(QEMU_FLAGS) -serial mon:stdio -kernel $(B)/kernel.elf \
		-initrd $(B)/initramfs.cpio -append "$(KERNEL_ARGS)"

run-iso: deps iso
	$(QEMU) $(QEMU_FLAGS) -display none -serial mon:stdio -cdrom $(B)/kernel.iso -boot d

debug: deps kernel initramfs
ifneq ($(IPC_OPT),)
	@$(MAKE) --no-print-directory B=build/og IPC_OPT=$(IPC_OPT) build/og/kernel.elf
	DEBUG_KERNEL=build/og/kernel.elf sh tools/debug.sh
else
	sh tools/debug.sh
endif

test: deps
	@$(MAKE) --no-print-directory all iso $(if $(wildcard $(DEBIAN_ROOT)/.complete),initramfs-debian)
	@$(MAKE) --no-print-directory DEBUG=1 kernel
	@sh tests/host/run-tests.sh

test-host: deps
	@$(MAKE) --no-print-directory tests
	@sh tests/host/run-host-tests.sh

# both kernels in the same QEMU, build/bench.md (tools/bench.py); WALL=1 for
# wall-clock time instead of -icount, PROFILE=1 for the top kernel functions,
# SMP=N for both on N CPUs (multi-threaded TCG, wall clock: the pipe pair
# unpinned, on one CPU, on two), RUNS=N for the median of N boots each
bench: deps
	@$(MAKE) --no-print-directory all
	@python3 tools/bench.py $(if $(WALL),--wall) $(if $(PROFILE),--profile) $(if $(SMP),--smp $(SMP)) $(if $(RUNS),--runs $(RUNS))

# Debian's stress-ng over the IPC stressors here and on Linux 6.1 in the same
# QEMU, build/stress.md (tools/stress.py); STRESS_TIME=S for another length
stress: deps
	@$(MAKE) --no-print-directory all initramfs-debian
	@python3 tools/stress.py $(if $(STRESS_TIME),--timeout $(STRESS_TIME))

# the fuzzer (tests/fuzz/) in this kernel: CALLS random system calls from
# seed SEED (SMP=N: on N CPUs); tests/fuzz/run.py boots, prints the figures and any kernel report
fuzz: deps
	@$(MAKE) --no-print-directory DEBUG= all
ifeq ($(DEBUG),1)
	@$(MAKE) --no-print-directory DEBUG=1 kernel
endif
	@python3 tests/fuzz/run.py --calls $(or $(CALLS),1000000) --seed $(or $(SEED),18) \
		$(if $(filter 1,$(DEBUG)),--kernel build/debug/kernel.elf) $(if $(SMP),--smp $(SMP))

clean:
	rm -rf $(B)

help:
	@echo "make           build the kernel, user programs and tests"
	@echo "make initramfs build/initramfs.cpio, the root file system (tools/mkinitramfs.sh)"
	@echo "make run       boot in QEMU, console on this terminal (Ctrl-A X quits; SMP=N for N CPUs)"
	@echo "make run-vga   boot with the VGA window as well"
	@echo "make run-iso   boot the ISO through GRUB"
	@echo "make debug     boot paused and attach gdb"
	@echo "make DEBUG=1   the debug kernel in build/debug/ (red zones, poison, list and context checks)"
	@echo "make test      every test: host, in-kernel, ISO, gdb (ends 'N passed, N failed')"
	@echo "make test-host run the user test programs natively on this Linux host"
	@echo "make bench     benchmarks here and on Linux 6.1 -> build/bench.md (WALL=1, PROFILE=1, SMP=2, RUNS=N)"
	@echo "make stress    stress-ng's IPC stressors here and on Linux 6.1 -> build/stress.md (STRESS_TIME=S)"
	@echo "make run DEBIAN=1  boot the larger image with Debian's i386 userland in /usr"
	@echo "make fuzz      the fuzzer in this kernel: CALLS= random calls (1,000,000) from SEED= (18)"
	@echo "make deps      install the Debian packages the project needs"
	@echo "make clean     remove build/"

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
