/* include/kernel/power.h - stopping the machine (kernel/power.c). */
#ifndef _KERNEL_POWER_H
#define _KERNEL_POWER_H

/*
 * Values for QEMU's isa-debug-exit device (port 0xf4); QEMU then exits with
 * (value << 1) | 1, so success is 33 and never QEMU's own failure status 1.
 */
#define QEMU_EXIT_SUCCESS	0x10	/* exit status 33 */
#define QEMU_EXIT_FAILURE	0x11	/* 35 */
#define QEMU_EXIT_PANIC		0x12	/* 37 */

extern int panic_exits_qemu;

__attribute__((noreturn)) void machine_halt(void);
__attribute__((noreturn)) void machine_restart(void);
__attribute__((noreturn)) void machine_power_off(void);
void qemu_debug_exit(int value);

#endif
