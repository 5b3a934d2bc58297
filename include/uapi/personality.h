/*
 * include/uapi/personality.h - personality(2)'s flags (Linux:
 * include/uapi/linux/personality.h); only ADDR_NO_RANDOMIZE changes anything here.
 */
#ifndef _UAPI_PERSONALITY_H
#define _UAPI_PERSONALITY_H

#define PER_LINUX		0x0000
#define ADDR_NO_RANDOMIZE	0x0040000	/* exec lays the address space out without randomness */
#define PER_MASK		0x00ff

#endif
