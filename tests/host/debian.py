"""
tests/host/debian.py - Debian's own dynamically linked i386 programs on this
kernel (issue 21 item 3), from build/initramfs-debian.cpio (make
initramfs-debian; the userland is tools/fetch-debian.sh's): util-linux's
ipcmk, ipcs and ipcrm against the System V IPC, coreutils and procps, and a
short stress-ng run with --verify. One boot runs a shell script (an extra
initramfs with /etc/debian-test.sh); each step's output is framed by
"@@ NAME" lines and checked here. Where the answer does not depend on the
machine, the same util-linux binaries run on this Linux host too (through
Debian's loader from the cache) and the two outputs, with ids, keys, times
and pids normalised, must be the same.
"""
import os
import re
import shutil
import subprocess
import tempfile

import qemu

CACHE = os.environ.get("DEBIAN_CACHE") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ipckernel", "debian")
DROOT = os.path.join(CACHE, "root")
IMAGE = os.path.join(qemu.BUILD, "initramfs-debian.cpio")
TROUBLE = re.compile(r"BUG:|Oops|Kernel panic|WARNING:|general protection fault|"
                     r"unable to handle kernel|Call Trace", re.M)

# the guest's steps: NAME and shell text, run in order by /bin/sh (busybox)
STEPS = [
    ("sem-make", "/usr/bin/ipcmk -S 4"),
    ("sem-info", "/usr/bin/ipcs -s -i $(/usr/bin/ipcs -s | awk '/^0x/ {print $2}' | tail -n 1)"),
    ("sem-remove", "/usr/bin/ipcrm -s $(/usr/bin/ipcs -s | awk '/^0x/ {print $2}' | tail -n 1); "
                   "echo status $?; /usr/bin/ipcs -s"),
    ("shm-make", "/usr/bin/ipcmk -M 65536"),
    ("shm-list", "/usr/bin/ipcs -m"),
    ("shm-info", "/usr/bin/ipcs -m -i $(/usr/bin/ipcs -m | awk '/^0x/ {print $2}' | tail -n 1)"),
    ("shm-remove", "/usr/bin/ipcrm -m $(/usr/bin/ipcs -m | awk '/^0x/ {print $2}' | tail -n 1); "
                   "echo status $?; /usr/bin/ipcs -m"),
    ("msg-make", "/usr/bin/ipcmk -Q"),
    ("msg-info", "/usr/bin/ipcs -q -i $(/usr/bin/ipcs -q | awk '/^0x/ {print $2}' | tail -n 1)"),
    ("msg-remove", "/usr/bin/ipcrm -q $(/usr/bin/ipcs -q | awk '/^0x/ {print $2}' | tail -n 1); "
                   "echo status $?"),
    ("ls-l", "/usr/bin/ls -l /usr/bin/ipcs /etc/passwd /usr/lib/ld-linux.so.2"),
    ("coreutils-pipeline", "/usr/bin/ls /usr/bin | /usr/bin/sort -r | /usr/bin/wc -l; "
                           "/usr/bin/seq 1 2000 | /usr/bin/sort -rn | /usr/bin/head -n 1; "
                           "/usr/bin/printf 'b\\na\\nc\\n' | /usr/bin/sort | /usr/bin/tr -d '\\n'; echo"),
    ("busybox-coreutils-pipeline", "seq 1 500 | /usr/bin/sort -rn | /usr/bin/wc -l | grep -c 500"),
    ("ps", "/usr/bin/ps -ef; echo status $?"),
    ("stress-ng", "cd /tmp && /usr/bin/stress-ng --pipe 2 --fifo 2 --sem-sysv 2 --shm-sysv 1 --msg 2 "
                  "--timeout 10s --verify --temp-path /tmp 2>&1; echo status $?"),
]


def script():
    lines = ["#!/bin/sh", "# tests/host/debian.py's steps"]
    for name, text in STEPS:
        lines += ["echo '@@ %s'" % name, "( %s ) 2>&1" % text]
    lines += ["echo '@@ end'"]
    return "\n".join(lines) + "\n"


def sections(out):
    res = {}
    parts = re.split(r"^@@ ([\w-]+)\n", out, flags=re.M)
    for i in range(1, len(parts) - 1, 2):
        res[parts[i]] = parts[i + 1]
    return res


def extra_cpio(tmp):
    stage = os.path.join(tmp, "x")
    os.makedirs(os.path.join(stage, "etc"))
    path = os.path.join(stage, "etc", "debian-test.sh")
    with open(path, "w") as f:
        f.write(script())
    os.chmod(path, 0o755)
    out = os.path.join(tmp, "extra.cpio")
    names = subprocess.run("find . | LC_ALL=C sort", shell=True, cwd=stage, check=True,
                           stdout=subprocess.PIPE).stdout
    with open(out, "wb") as f:
        subprocess.run(["cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0"], cwd=stage,
                       input=names, stdout=f, check=True)
    return out


def host(prog, *args):
    """Debian's i386 binary on this host, through the cached loader and libraries."""
    lib = os.path.join(DROOT, "usr", "lib", "i386-linux-gnu")
    try:
        p = subprocess.run([os.path.join(lib, "ld-linux.so.2"), "--library-path", lib,
                            os.path.join(DROOT, "usr", "bin", prog)] + list(args),
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=30, env={"LC_ALL": "C", "TZ": "UTC"})
        return p.stdout.decode("utf-8", "replace")
    except (OSError, subprocess.TimeoutExpired):
        return None


def normalise(text):
    """What differs from run to run or machine to machine: ids, keys, times, pids."""
    text = re.sub(r"(semid|shmid|msqid)=\d+", r"\1=ID", text)
    text = re.sub(r"key=0x[0-9a-f]+", "key=KEY", text)
    text = re.sub(r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}", "TIME", text)
    text = re.sub(r"(lspid|lrpid|cpid|lpid)=\d+", r"\1=PID", text)
    return "\n".join(l.rstrip() for l in text.strip().splitlines())


def host_info(kind, make_args):
    """ipcmk then ipcs -X -i on the host; the object is removed after."""
    made = host("ipcmk", *make_args)
    m = re.search(r"id: (\d+)", made or "")
    if not m:
        return None
    try:
        return host("ipcs", "-" + kind, "-i", m.group(1))
    finally:
        host("ipcrm", "-" + kind, m.group(1))


def run(report, skipped):
    if not os.path.isfile(os.path.join(DROOT, ".complete")):
        skipped.append("debian")
        print("SKIP debian/* (no Debian root at %s: make deps fetches it)" % DROOT, flush=True)
        return
    if not os.path.isfile(IMAGE):
        report("debian/image-built (make initramfs-debian)", False, IMAGE + " is missing")
        return
    tmp = tempfile.mkdtemp(prefix="debian-test.")
    try:
        extra = extra_cpio(tmp)
        cmd = qemu.qemu_cmd('kshell.run="mem; run /bin/sh /etc/debian-test.sh; mem; dmesg"',
                            memory=512)
        i = cmd.index("-initrd")
        cmd[i + 1] = "%s,%s" % (IMAGE, extra)
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=300)
            rc, out = p.returncode, p.stdout.decode("utf-8", "replace").replace("\r", "")
        except subprocess.TimeoutExpired as e:
            rc, out = None, (e.stdout or b"").decode("utf-8", "replace") + "\n[timed out]\n"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    s = sections(out)
    tail = out[-4000:]
    report("debian/boot-runs-every-step", rc == qemu.EXIT_SUCCESS and "end" in s,
           "exit status %s\n%s" % (rc, tail))

    def sec(name):
        return s.get(name, "")

    # semaphores: the set as Linux shows it
    sem = sec("sem-info")
    want = host_info("s", ["-S", "4"])
    ok = bool(re.search(r"^Semaphore id: \d+$", sec("sem-make"), re.M)) and \
        "nsems = 4" in sem and "mode=0644, access_perms=0644" in sem and \
        len(re.findall(r"^[0-3] +0 +0 +0 +0 *$", sem, re.M)) == 4
    same = want is None or normalise(sem) == normalise(want)
    report("debian/util-linux-ipcmk-S-4-then-ipcs-s-i-shows-the-set-as-linux", ok and same,
           "guest:\n%s\nhost:\n%s" % (sem, want))
    report("debian/util-linux-ipcrm-s-removes-it",
           "status 0" in sec("sem-remove") and not re.search(r"^0x", sec("sem-remove"), re.M),
           sec("sem-remove"))

    # shared memory
    shm = sec("shm-list")
    report("debian/util-linux-ipcmk-M-65536-then-ipcs-m-lists-it",
           bool(re.search(r"^Shared memory id: \d+$", sec("shm-make"), re.M)) and
           bool(re.search(r"^0x[0-9a-f]{8} \d+ +root +644 +65536 +0 *$", shm, re.M)), shm)
    info = sec("shm-info")
    want = host_info("m", ["-M", "65536"])
    ok = "bytes=65536" in info and "mode=0644" in info and "nattch=0" in info
    report("debian/util-linux-ipcs-m-i-as-linux", ok and (want is None or normalise(info) == normalise(want)),
           "guest:\n%s\nhost:\n%s" % (info, want))
    report("debian/util-linux-ipcrm-m-removes-it",
           "status 0" in sec("shm-remove") and not re.search(r"^0x", sec("shm-remove"), re.M),
           sec("shm-remove"))

    # message queues
    msg = sec("msg-info")
    want = host_info("q", ["-Q"])
    ok = bool(re.search(r"^Message queue id: \d+$", sec("msg-make"), re.M)) and \
        "mode=0644" in msg and "qbytes=16384\tqnum=0" in msg
    report("debian/util-linux-ipcmk-Q-then-ipcs-q-i-as-linux",
           ok and (want is None or normalise(msg) == normalise(want)) and "status 0" in sec("msg-remove"),
           "guest:\n%s\nhost:\n%s" % (msg, want))

    # coreutils and procps
    size = os.path.getsize(os.path.join(DROOT, "usr", "bin", "ipcs"))
    ls = sec("ls-l")
    report("debian/coreutils-ls-l",
           bool(re.search(r"^-rwxr-xr-x 1 root root +%d \w{3} [ \d]\d +[\d:]+ /usr/bin/ipcs$" % size, ls, re.M))
           and bool(re.search(r"^-rw-r--r-- 1 root root +\d+ .* /etc/passwd$", ls, re.M))
           and bool(re.search(r"^lrwxrwxrwx 1 root root +\d+ .* /usr/lib/ld-linux.so.2 -> "
                              r"i386-linux-gnu/ld-linux.so.2$", ls, re.M)), ls)
    nbin = len(os.listdir(os.path.join(DROOT, "usr", "bin")))
    report("debian/coreutils-ls-sort-wc-seq-pipelines",
           sec("coreutils-pipeline").split() == [str(nbin), "2000", "abc"],
           "want %d, 2000, abc\n%s" % (nbin, sec("coreutils-pipeline")))
    report("debian/busybox-and-coreutils-in-one-pipeline", sec("busybox-coreutils-pipeline").strip() == "1",
           sec("busybox-coreutils-pipeline"))
    ps = sec("ps")
    report("debian/procps-ps-ef",
           bool(re.search(r"^UID +PID +PPID +C STIME TTY +TIME CMD$", ps, re.M)) and
           bool(re.search(r"^root +1 +0 +\d+ .*/sbin/init", ps, re.M)) and
           bool(re.search(r"^root +\d+ +\d+ +\d+ .* /usr/bin/ps -ef$", ps, re.M)) and "status 0" in ps, ps)

    # stress-ng: every stressor passes, and the kernel says nothing of trouble
    st = sec("stress-ng")
    report("debian/stress-ng-pipe-fifo-sem-sysv-shm-sysv-msg-verify-passes",
           "successful run completed" in st and "status 0" in st and
           not re.search(r"\bfailed\b|\bFAIL\b", st) and
           all(re.search(r"dispatching hogs:.*\b%s\b" % h, st) for h in ("pipe", "fifo", "sem-sysv", "shm-sysv", "msg")),
           st[-3000:])
    bad = [l for l in out.splitlines() if TROUBLE.search(l)]
    report("debian/no-kernel-message-of-trouble", not bad and rc == qemu.EXIT_SUCCESS,
           "%s\n%s" % (bad, tail))
