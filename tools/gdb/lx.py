# tools/gdb/lx.py - gdb commands for a stopped kernel, in the spirit of
# Linux's scripts/gdb (lx-ps, lx-dmesg...): tasks, files, pipes, SysV IPC,
# wait queues, VMAs, free pages, and the wait-for graph of kernel/waitgraph.c
# rebuilt from memory. Every list walk is bounded and says where it stopped,
# so a corrupted or half-updated list never hangs gdb.
import re

import gdb

MAX_WALK = 5000
STATES = {0: "R", 1: "S", 2: "D", 4: "T", 8: "t", 16: "Z", 32: "X"}


def sym(name, file=None):
    try:
        return gdb.parse_and_eval(name)
    except gdb.error:
        return gdb.parse_and_eval("'%s'::%s" % (file, name))


def ptype(name):
    return gdb.lookup_type(name).pointer()


def offset_of(tname, field):
    return int(gdb.parse_and_eval("(unsigned long)&((%s *)0)->%s" % (tname, field)))


def walk(head, tname, member, what):
    """The entries of a struct list_head (a gdb.Value, not a pointer)."""
    t, off = ptype(tname), offset_of(tname, member)
    head_addr = int(head.address)
    seen, n = set(), 0
    try:
        node = head["next"]
        while int(node) != head_addr:
            a = int(node)
            if a == 0 or a in seen or n >= MAX_WALK:
                why = "NULL next" if a == 0 else "a loop" if a in seen else "%d entries" % n
                gdb.write("  [%s: walk stopped at %#x after %d entries: %s]\n" % (what, a, n, why))
                return
            seen.add(a)
            nxt = node.dereference()["next"]      # read before use: a bad pointer stops here
            yield gdb.Value(a - off).cast(t)
            node = nxt
            n += 1
    except gdb.MemoryError as e:
        gdb.write("  [%s: walk stopped after %d entries: %s]\n" % (what, n, e))


def comm(t):
    return t["comm"].string(length=16).split("\0")[0]


def tasks():
    return walk(sym("task_list"), "struct task_struct", "tasks", "task_list")


def sleeping(t):
    return int(t["state"]) in (1, 2)


def symname(p):
    """The symbol a data pointer points at, as gdb prints it."""
    m = re.search(r"<([^>+]+)", str(p))
    return m.group(1) if m else "%#x" % int(p)


def funcname(p):
    b = gdb.block_for_pc(int(p)) if int(p) else None
    return b.function.name if b and b.function else "%#x" % int(p)


def files_of(t):
    """(fd, struct file *) of a task's fd table."""
    if int(t["files"]) == 0:
        return
    fdt = t["files"]["fdt"]
    for fd in range(min(int(fdt["max_fds"]), 1024)):
        f = fdt["fd"][fd]
        if int(f):
            yield fd, f


def file_inode(f):
    return f["f_path"]["dentry"]["d_inode"]


def pipe_of(f):
    ino = file_inode(f)
    return ino["i_pipe"] if int(ino) and (int(ino["i_mode"]) & 0o170000) == 0o010000 else None


def pipe_name(pipe):
    ino = pipe["inode"]
    kind = "pipe" if int(ino["i_sb"]) == int(sym("pipe_mnt", "fs/pipe.c")["mnt_sb"]) else "fifo"
    return "%s:[%d]" % (kind, int(ino["i_ino"]))


def waitq_entries(wq, what):
    return walk(wq["task_list"], "wait_queue_t", "task_list", what)


def ipc_objects(ids_name, tname):
    ids = sym(ids_name)
    n = int(ids["max_id"]) + 1
    if n > 32768:       # IPCMNI: a larger max_id is corrupt
        gdb.write("  [%s: max_id %d is corrupt; the first 32768 slots only]\n" % (ids_name, n - 1))
        n = 32768
    for i in range(n):
        p = ids["entries"][i]
        if int(p):
            yield gdb.Value(int(p)).cast(ptype(tname)).dereference()


# ---- the wait-for graph, as kernel/waitgraph.c builds it ----

PAGE_OFFSET = 0xC0000000


def user_word(mm, addr):
    """(physical address, value) of the u32 at a user address of mm, or (None, None):
    the i386 two-level page tables walked by hand, since gdb sees one address space."""
    try:
        if not int(mm) or addr & 3:
            return None, None
        inf = gdb.selected_inferior()
        pde = int(mm["pgd"][addr >> 22])
        if not pde & 1:
            return None, None
        pt = (pde & ~0xfff) + PAGE_OFFSET + ((addr >> 12) & 1023) * 4
        pte = int.from_bytes(bytes(inf.read_memory(pt, 4)), "little")
        if not pte & 1:
            return None, None
        phys = (pte & ~0xfff) | (addr & 0xfff)
        return phys, int.from_bytes(bytes(inf.read_memory(phys + PAGE_OFFSET, 4)), "little")
    except (gdb.MemoryError, gdb.error):
        return None, None


def on_robust_list(t, phys):
    """Is the word at physical address phys on t's robust list (or its lock in flight)?"""
    head = int(t["robust_list"])
    if not head:
        return False
    _, nxt = user_word(t["mm"], head)
    _, off = user_word(t["mm"], head + 4)
    _, pending = user_word(t["mm"], head + 8)
    if nxt is None or off is None:
        return False
    off = off - (1 << 32) if off & 0x80000000 else off
    if pending and user_word(t["mm"], ((pending & ~1) + off) & 0xffffffff)[0] == phys:
        return True
    entry, n = nxt & ~1, 0
    while entry and entry != head and n < 64:
        if user_word(t["mm"], (entry + off) & 0xffffffff)[0] == phys:
            return True
        _, entry = user_word(t["mm"], entry)
        entry = entry & ~1 if entry is not None else 0
        n += 1
    return False


def sock_of_file(f):
    """The struct sock of a UNIX socket file, as an int, or 0."""
    if int(f["f_op"]) != int(sym("socket_file_ops", "net/socket.c").address):
        return 0
    so = f["private_data"].cast(ptype("struct socket"))
    return int(so["sk"]) if int(so) else 0


def sock_ino(sk):
    so = sk["sk_socket"]
    return int(so["inode"]["i_ino"]) if int(so) and int(so["inode"]) else 0


def skbs(sk):
    return walk(sk["sk_receive_queue"]["list"], "struct sk_buff", "list", "sk_receive_queue")


def build_graph():
    """{pid: [comm, what, wakers [(pid, fd)], anyone or None, role, owner or 0, hint text]}"""
    g = {}
    alltasks = list(tasks())
    try:
        pt = int(sym("process_timeout", "kernel/sched.c").address)
        timed = {int(tm["data"]) for tm in walk(sym("timer_list_head", "kernel/timer.c"),
                                               "struct timer_list", "entry", "timers")
                 if int(tm["function"]) == pt}
    except gdb.error:
        timed = set()

    def add(t, what, role="waker"):
        pid = int(t["pid"])
        if not sleeping(t) or pid in g:
            return None
        g[pid] = [comm(t), what, [], "its timeout" if int(t) in timed else None, role, 0, ""]
        return g[pid]

    def waker(s, pid, fd):
        if all(p != pid for p, _ in s[2]):
            s[2].append((pid, fd))

    usocks = list(walk(sym("unix_socket_list"), "struct unix_sock", "all", "unix_socket_list"))

    def fd_holders(s, match):
        for t in alltasks:
            if int(t["state"]) & 48:
                continue
            for fd, f in files_of(t):
                if match(f):
                    waker(s, int(t["pid"]), fd)
                    break

    def holders(s, match):
        """fd tables, then files riding in SCM_RIGHTS messages (af_unix's carrier)"""
        fd_holders(s, match)
        for u in usocks:
            found = False
            for skb in skbs(u["sk"]):
                fp = skb["fp"]
                if int(fp) and any(match(fp["fp"][i]) for i in range(min(int(fp["count"]), 253))):
                    found = True
                    break
            if not found or int(u["sk"]["sk_flags"]) & 1:
                continue
            if not int(u["sk"]["sk_socket"]) or int(u["inflight"]):
                s[3] = s[3] or "it rides in a message whose receiver is not known"
            else:
                fd_holders(s, lambda f, a=int(u): sock_of_file(f) == a)

    autoremove = int(sym("autoremove_wake_function").address)
    for pipe in walk(sym("all_pipes", "fs/pipe.c"), "struct pipe_inode_info", "list", "all_pipes"):
        reading = int(pipe["nrbufs"]) == 0
        for w in waitq_entries(pipe["wait"], pipe_name(pipe) + " wait"):
            if int(w["func"]) != autoremove:
                continue
            if int(pipe["readers"]) == 0 or int(pipe["writers"]) == 0:
                s = add(w["task"], "open on " + pipe_name(pipe))
                if s:
                    s[3] = s[3] or "any process may open the FIFO"
                continue
            s = add(w["task"], "%s on %s" % ("read" if reading else "write", pipe_name(pipe)),
                    "writer" if reading else "reader")
            if not s:
                continue
            mode = 2 if reading else 1
            holders(s, lambda f: pipe_of(f) is not None and int(pipe_of(f)) == int(pipe) and
                    int(f["f_mode"]) & mode)
            if pipe_name(pipe).startswith("fifo") and int(pipe["inode"]["i_nlink"]):
                s[3] = s[3] or "any process may open the FIFO by its name"
    for sma in ipc_objects("sem_ids", "struct sem_array"):
        sid = int(sma["sem_perm"]["id"])
        for q in walk(sma["sem_pending"], "struct sem_queue", "list", "sem_pending"):
            op = q["blocking"] if int(q["blocking"]) else q["sops"]
            num, val = int(op["sem_num"]), int(op["sem_op"])
            s = add(q["sleeper"], "semop %+d on sem %d of set %d" % (val, num, sid), "holder")
            if not s:
                continue
            for t in alltasks:
                if int(t["sysvsem"]) == 0:
                    continue
                for un in walk(t["sysvsem"]["list_proc"], "struct sem_undo", "list_proc", "undo"):
                    adj = int(un["semadj"][num])
                    if int(un["semid"]) == sid and (adj > 0 if val else adj < 0):
                        s[2].append((int(t["pid"]), -1))
            if not s[2]:
                s[3] = s[3] or "no SEM_UNDO holder: any process may post"
    for msq in ipc_objects("msg_ids", "struct msg_queue"):
        mid = int(msq["q_perm"]["id"])
        for r in walk(msq["q_receivers"], "struct msg_receiver", "r_list", "q_receivers"):
            s = add(r["r_tsk"], "msgrcv type %d on queue %d" % (int(r["r_msgtype"]), mid))
            if s:
                s[3] = s[3] or "any process with write permission may send"
                s[6] = "; last sender pid %d (a hint only)" % int(msq["q_lspid"])
        for w in walk(msq["q_senders"], "struct msg_sender", "list", "q_senders"):
            s = add(w["tsk"], "msgsnd on full queue %d" % mid)
            if s:
                s[3] = s[3] or "any process with read permission may receive"
    for t in alltasks:
        if int(t["wait_chldexit"]["task_list"]["next"]) != int(t["wait_chldexit"]["task_list"].address):
            s = add(t, "wait4 for a child", "child")
            if s:
                s[2] += [(int(c["pid"]), -1) for c in
                         walk(t["children"], "struct task_struct", "sibling", "children")]
    for w in waitq_entries(sym("console_tty")["read_wait"], "tty read_wait"):
        s = add(w["task"], "read on the console tty")
        if s:
            s[3] = s[3] or "the keyboard or the serial line"
    graph_mqueue(add, holders)
    graph_unix(add, waker, holders, usocks, autoremove)
    graph_futex(add, waker, alltasks)
    graph_signal(add, alltasks)
    return g


def graph_mqueue(add, holders):
    sb = sym("mqueue_sb", "ipc/mqueue.c")
    if not int(sb):
        return
    fops = int(sym("mqueue_file_operations", "ipc/mqueue.c").address)
    for ino in walk(sb["s_inodes"], "struct inode", "i_sb_list", "mqueue s_inodes"):
        if int(ino["i_mode"]) & 0o170000 != 0o100000:
            continue
        info = gdb.Value(int(ino) - offset_of("struct mqueue_inode_info", "vfs_inode")).cast(
            ptype("struct mqueue_inode_info"))
        for d, name in ((0, "mq_timedsend"), (1, "mq_timedreceive")):
            for e in walk(info["e_wait_q"][d], "struct ext_wait_queue", "list", "mqueue e_wait_q"):
                s = add(e["task"], "%s on mqueue inode %d" % (name, int(ino["i_ino"])),
                        "receiver" if d == 0 else "sender")
                if not s:
                    continue
                if int(ino["i_nlink"]):
                    s[3] = s[3] or "any process may open the queue"
                    continue
                # unlinked: only the holders of an open description (read end for a sender)
                mode = 1 if d == 0 else 2
                holders(s, lambda f, i=int(ino), m=mode: int(f["f_op"]) == fops and
                        int(file_inode(f)) == i and int(f["f_mode"]) & m)


def graph_unix(add, waker, holders, usocks, autoremove):
    """As net/unix/af_unix.c's unix_waitgraph_scan."""
    by_addr = {int(u): u for u in usocks}

    def is_sock(a):
        return lambda f: sock_of_file(f) == a

    for u in usocks:
        sk = u["sk"]
        ino, peer = sock_ino(sk), int(u["peer"])
        for wq, on_peer in ((sk["sk_wait"], False), (u["peer_wait"], True)):
            for w in waitq_entries(wq, "socket:[%d] wait" % ino):
                if int(w["func"]) != autoremove:
                    continue
                listening = int(sk["sk_state"]) == 10
                if listening and not on_peer:
                    s = add(w["task"], "accept on socket:[%d]" % ino)
                    if s:
                        s[3] = s[3] or "any process may connect to its name"
                    continue
                sending = on_peer or int(sk["sk_wmem_alloc"]) >= int(sk["sk_sndbuf"])
                what = ("%s full socket:[%d]" % ("connect to" if listening else "sendmsg to", ino)
                        if on_peer else "%s on socket:[%d]" % ("sendmsg" if sending else "recvmsg", ino))
                s = add(w["task"], what, "reader" if sending else "peer")
                if not s:
                    continue
                if on_peer:
                    holders(s, is_sock(int(u)))
                    continue
                if sending:
                    for v in usocks:
                        if any(int(b["sk"]) == int(u) for b in skbs(v["sk"])):
                            holders(s, is_sock(int(v)))
                elif int(sk["sk_type"]) in (1, 5):       # SOCK_STREAM, SOCK_SEQPACKET
                    if not peer:
                        continue
                    other = peer if peer in by_addr and int(by_addr[peer]["sk"]["sk_socket"]) else 0
                    if not other:
                        other = next((int(v) for v in usocks if int(v["sk"]["sk_state"]) == 10 and
                                      any(int(b["sk"]) == peer for b in skbs(v["sk"]))), 0)
                    if not other:
                        s[3] = s[3] or "its peer is neither open nor queued for accept"
                        continue
                    holders(s, is_sock(other))
                else:
                    if int(u["addr"]):
                        s[3] = s[3] or "it has a name: any process may send to it"
                        continue
                    for v in usocks:
                        if int(v["peer"]) == int(u):
                            holders(s, is_sock(int(v)))
                # other holders of the socket itself could shut it down
                me = int(w["task"]["pid"])
                for t in tasks():
                    for fd, f in files_of(t):
                        if sock_of_file(f) == int(u):
                            if int(t["pid"]) != me:
                                waker(s, int(t["pid"]), fd)
                            break


def graph_futex(add, waker, alltasks):
    """As kernel/futex.c's futex_waitgraph_scan."""
    qs = sym("futex_queues", "kernel/futex.c")
    if not int(sym("futex_init_done", "kernel/futex.c")):
        return
    shm_ops = int(sym("shm_vm_ops", "ipc/shm.c").address)
    for b in range(qs.type.sizeof // qs[0].type.sizeof):
        for q in walk(qs[b]["chain"], "struct futex_q", "list", "futex chain %d" % b):
            addr = int(q["uaddr"])
            s = add(q["task"], "futex_wait on %#x" % addr, "sharer")
            if not s:
                continue
            key = q["key"]
            shared = int(key["both"]["offset"]) & 1
            for t in alltasks:
                if not int(t["mm"]) or int(t["state"]) & 48:
                    continue
                if not shared:
                    if int(t["mm"]) == int(key["private"]["mm"]):
                        waker(s, int(t["pid"]), -1)
                    continue
                for v in walk(t["mm"]["mmap"], "struct vm_area_struct", "vm_list", "mmap"):
                    if not int(v["vm_flags"]) & 8:
                        continue
                    obj = int(v["vm_file"]["f_path"]["dentry"]["d_inode"]["i_mapping"]) if int(v["vm_file"]) \
                        else int(v["vm_private_data"])
                    pg, start = int(key["shared"]["pgoff"]), int(v["vm_pgoff"])
                    if obj and obj == int(key["shared"]["object"]) and \
                            start <= pg < start + ((int(v["vm_end"]) - int(v["vm_start"])) >> 12):
                        waker(s, int(t["pid"]), -1)
                        if int(v["vm_file"]):
                            s[3] = s[3] or "any process may map the file"
                        elif int(v["vm_ops"]) == shm_ops and not int(
                                v["vm_private_data"].cast(ptype("struct shmid_kernel"))["shm_perm"]["mode"]) & 0o1000:
                            s[3] = s[3] or "any process may attach the SysV segment"
                        break
            phys, word = user_word(q["task"]["mm"], addr)
            tid = word & 0x3fffffff if word else 0
            owner = next((t for t in alltasks if tid and int(t["pid"]) == tid), None)
            if owner is not None and int(owner) != int(q["task"]) and on_robust_list(owner, phys):
                s[5] = tid


def graph_signal(add, alltasks):
    """As kernel/signal.c's signal_waitgraph_scan: the system call in the saved registers."""
    names = {29: "pause", 72: "sigsuspend", 179: "sigsuspend", 177: "rt_sigtimedwait"}
    size = gdb.lookup_type("struct pt_regs").sizeof
    for t in alltasks:
        if not int(t["mm"]) or int(t["state"]) != 1:
            continue
        regs = gdb.Value(int(t["thread_info"]) + 8192 - size).cast(ptype("struct pt_regs"))
        what = names.get(int(regs["orig_eax"]))
        if not what:
            continue
        s = add(t, what)
        if not s:
            continue
        uid = int(t["uid"])
        rt = t["signal"]["real_timer"]     # signal_struct's: the group's alarm
        s[3] = s[3] or ("an alarm is set" if int(rt["entry"]["next"]) !=
                        int(rt["entry"].address) else
                        "any process of uid %d or root may signal it" % uid if uid else
                        "any root process may signal it")
        kids = list(walk(t["children"], "struct task_struct", "sibling", "children"))
        if kids:
            s[6] = "; a child (SIGCHLD) pid %d (a hint only)" % int(kids[0]["pid"])
        elif int(t["parent"]) and int(t["parent"]["pid"]):
            s[6] = "; its parent pid %d (a hint only)" % int(t["parent"]["pid"])


def stuck_set(g):
    stuck = {p for p, s in g.items() if s[2] and not s[3]}
    changed = True
    while changed:
        changed = False
        for p in list(stuck):
            if any(w not in stuck for w, _ in g[p][2]):
                stuck.discard(p)
                changed = True
    return stuck


SYSCALLS = {3: "read", 4: "write", 5: "open", 7: "waitpid", 114: "wait4", 142: "select",
            162: "nanosleep", 168: "poll", 240: "futex", 256: "epoll_wait", 267: "clock_nanosleep",
            284: "waitid", 308: "pselect6", 309: "ppoll", 319: "epoll_pwait", 407: "clock_nanosleep"}


def syscall_of(t):
    """A sleeper outside the graph: the system call its saved registers show."""
    if not int(t["mm"]):
        return ""
    size = gdb.lookup_type("struct pt_regs").sizeof
    nr = int(gdb.Value(int(t["thread_info"]) + 8192 - size).cast(ptype("struct pt_regs"))["orig_eax"])
    return "(in %s)" % SYSCALLS.get(nr, "system call %d" % nr) if nr >= 0 else ""


class LxPs(gdb.Command):
    """Tasks: pid, tgid, state, comm, and what a sleeper sleeps on."""

    def __init__(self):
        super().__init__("lx-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            g = build_graph()
        except gdb.error:
            g = {}
        gdb.write("%6s %6s %2s %-16s %s\n" % ("PID", "TGID", "ST", "COMM", "SLEEPS ON"))
        for t in tasks():
            st = int(t["state"])
            s = g.get(int(t["pid"]))
            on = s[1] if s else syscall_of(t) if st in (1, 2) else ""
            gdb.write("%6d %6d %2s %-16s %s\n" % (int(t["pid"]), int(t["tgid"]),
                      STATES.get(st, "?"), comm(t), on))


class LxDmesg(gdb.Command):
    """The kernel log ring (kernel/printk.c's log_buf)."""

    def __init__(self):
        super().__init__("lx-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        buf, end = sym("log_buf", "kernel/printk.c"), int(sym("log_end", "kernel/printk.c"))
        size = int(buf.type.sizeof)
        start = max(0, end - size)
        inf = gdb.selected_inferior()
        data = bytes(inf.read_memory(int(buf.address), size))
        text = bytes(data[i % size] for i in range(start, end))
        gdb.write(text.decode("utf-8", "replace"))


def current_task():
    esp = int(gdb.parse_and_eval("$esp"))
    ti = gdb.Value(esp & ~(8192 - 1)).cast(ptype("struct thread_info"))
    return ti["task"]


class LxCurrent(gdb.Command):
    """The task whose kernel stack the CPU is on."""

    def __init__(self):
        super().__init__("lx-current", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        t = current_task()
        gdb.write("current: pid %d (%s) task_struct %#x\n" % (int(t["pid"]), comm(t), int(t)))


def find_task(arg):
    pid = int(gdb.parse_and_eval(arg))
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise gdb.GdbError("no task with pid %d" % pid)


def file_kind(f):
    ino = file_inode(f)
    if not int(ino):
        return "anon", ""
    m = int(ino["i_mode"]) & 0o170000
    kind = {0o010000: "fifo", 0o020000: "chr", 0o040000: "dir", 0o060000: "blk", 0o100000: "reg",
            0o120000: "lnk", 0o140000: "sock"}.get(m, "anon")
    if kind == "fifo":
        return "pipe", pipe_name(ino["i_pipe"]) if int(ino["i_pipe"]) else ""
    d = f["f_path"]["dentry"]
    return kind, d["d_name"]["name"].string(length=int(d["d_name"]["len"]))


class LxFiles(gdb.Command):
    """lx-files PID: the task's fd table, with each file's type, mode and position."""

    def __init__(self):
        super().__init__("lx-files", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        t = find_task(arg)
        gdb.write("fd table of pid %d (%s)\n%4s %-5s %-3s %8s %s\n" %
                  (int(t["pid"]), comm(t), "FD", "TYPE", "RW", "POS", "NAME"))
        for fd, f in files_of(t):
            kind, name = file_kind(f)
            m = int(f["f_mode"])
            gdb.write("%4d %-5s %-3s %8d %s\n" % (fd, kind, ("r" if m & 1 else "-") +
                      ("w" if m & 2 else "-"), int(f["f_pos"]), name))


class LxPipes(gdb.Command):
    """Every pipe and FIFO: ring slots, counters, and the sleepers on its wait queue.
$lx_pipe_wait is set to the first wait queue with sleepers."""

    def __init__(self):
        super().__init__("lx-pipes", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        first = True
        for pipe in walk(sym("all_pipes", "fs/pipe.c"), "struct pipe_inode_info", "list", "all_pipes"):
            gdb.write("%s @%#x: curbuf %d nrbufs %d/%d readers %d writers %d waiting_writers %d "
                      "r_counter %d w_counter %d\n" % (
                          pipe_name(pipe), int(pipe), int(pipe["curbuf"]),
                          int(pipe["nrbufs"]), int(pipe["buffers"]), int(pipe["readers"]),
                          int(pipe["writers"]), int(pipe["waiting_writers"]),
                          int(pipe["r_counter"]), int(pipe["w_counter"])))
            n = int(pipe["buffers"])
            for i in range(min(int(pipe["nrbufs"]), n)):
                b = pipe["bufs"][(int(pipe["curbuf"]) + i) & (n - 1)]
                gdb.write("  slot %d: page %#x offset %d len %d\n" % (
                    (int(pipe["curbuf"]) + i) & (n - 1), int(b["page"]), int(b["offset"]), int(b["len"])))
            sl = ["%d" % int(w["task"]["pid"]) for w in waitq_entries(pipe["wait"], "pipe wait")]
            gdb.write("  wait queue @%#x sleepers: %s\n" % (int(pipe["wait"].address),
                                                          " ".join(sl) or "-"))
            if sl and first:
                gdb.set_convenience_variable("lx_pipe_wait", pipe["wait"].address)
                first = False


class LxIpcs(gdb.Command):
    """SysV IPC objects with their queues: sem_pending (each waiter's sops), undo lists,
shm attachments, messages and waiting senders/receivers."""

    def __init__(self):
        super().__init__("lx-ipcs", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        alltasks = list(tasks())
        gdb.write("------ Semaphore Arrays ------\n")
        for sma in ipc_objects("sem_ids", "struct sem_array"):
            p = sma["sem_perm"]
            n = int(sma["sem_nsems"])
            vals = " ".join("%d" % int(sma["sem_base"][i]["semval"]) for i in range(min(n, 64)))
            gdb.write("semid %d key %#x mode %o nsems %d values [%s]\n" % (
                int(p["id"]), int(p["key"]) & 0xffffffff, int(p["mode"]) & 0o777, n, vals))
            for q in walk(sma["sem_pending"], "struct sem_queue", "list", "sem_pending"):
                ops = ", ".join("{%d,%+d,%#x}" % (int(q["sops"][i]["sem_num"]), int(q["sops"][i]["sem_op"]),
                                                  int(q["sops"][i]["sem_flg"]))
                                for i in range(min(int(q["nsops"]), 16)))
                gdb.write("  pending: pid %d sops %s%s\n" % (int(q["pid"]), ops,
                                                             "" if int(q["alter"]) else " (wait-for-zero)"))
            for un in walk(sma["list_id"], "struct sem_undo", "list_id", "undo list"):
                owner = [int(t["pid"]) for t in alltasks if int(t["sysvsem"]) and any(
                    int(u) == int(un) for u in walk(t["sysvsem"]["list_proc"], "struct sem_undo",
                                                    "list_proc", "undo"))]
                adj = " ".join("%d" % int(un["semadj"][i]) for i in range(min(n, 64)))
                gdb.write("  undo: pids %s semadj [%s]\n" % (",".join(map(str, owner)) or "?", adj))
        gdb.write("------ Shared Memory Segments ------\n")
        for shp in ipc_objects("shm_ids", "struct shmid_kernel"):
            p = shp["shm_perm"]
            gdb.write("shmid %d key %#x mode %o size %d nattch %d\n" % (
                int(p["id"]), int(p["key"]) & 0xffffffff, int(p["mode"]) & 0o777,
                int(shp["shm_segsz"]), int(shp["shm_nattch"])))
            for t in alltasks:
                if int(t["mm"]) == 0:
                    continue
                for v in walk(t["mm"]["mmap"], "struct vm_area_struct", "vm_list", "mmap"):
                    if int(v["vm_private_data"]) == int(shp["shm_file"]):
                        gdb.write("  attached: pid %d at %#x-%#x\n" % (int(t["pid"]), int(v["vm_start"]),
                                                                       int(v["vm_end"])))
        gdb.write("------ Message Queues ------\n")
        for msq in ipc_objects("msg_ids", "struct msg_queue"):
            p = msq["q_perm"]
            gdb.write("msqid %d key %#x mode %o bytes %d lspid %d lrpid %d\n" % (
                int(p["id"]), int(p["key"]) & 0xffffffff, int(p["mode"]) & 0o777,
                int(msq["q_cbytes"]), int(msq["q_lspid"]), int(msq["q_lrpid"])))
            for m in walk(msq["q_messages"], "struct msg_msg", "m_list", "q_messages"):
                gdb.write("  message: type %d size %d\n" % (int(m["m_type"]), int(m["m_ts"])))
            for r in walk(msq["q_receivers"], "struct msg_receiver", "r_list", "q_receivers"):
                gdb.write("  receiver: pid %d type %d\n" % (int(r["r_tsk"]["pid"]), int(r["r_msgtype"])))
            for s in walk(msq["q_senders"], "struct msg_sender", "list", "q_senders"):
                gdb.write("  sender: pid %d\n" % int(s["tsk"]["pid"]))


class LxWaitq(gdb.Command):
    """lx-waitq ADDR: the entries of a wait_queue_head_t in the order __wake_up_common visits them."""

    def __init__(self):
        super().__init__("lx-waitq", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        wq = gdb.parse_and_eval(arg).cast(ptype("wait_queue_head_t")).dereference()
        n = 0
        for w in waitq_entries(wq, "wait queue"):
            t = w["task"]
            who = "pid %d (%s) %s" % (int(t["pid"]), comm(t), STATES.get(int(t["state"]), "?")) \
                if int(t) else "no task"
            gdb.write("%3d: %s func %s%s\n" % (n, who, funcname(w["func"]),
                                               " exclusive" if int(w["flags"]) & 1 else ""))
            n += 1
        gdb.write("%d entries\n" % n)


class LxVma(gdb.Command):
    """lx-vma PID: the task's memory areas."""

    def __init__(self):
        super().__init__("lx-vma", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        t = find_task(arg)
        if int(t["mm"]) == 0:
            gdb.write("pid %d has no mm (a kernel thread)\n" % int(t["pid"]))
            return
        for v in walk(t["mm"]["mmap"], "struct vm_area_struct", "vm_list", "mmap"):
            f = int(v["vm_flags"])
            gdb.write("%08x-%08x %s%s%s%s pgoff %d ops %s\n" % (
                int(v["vm_start"]), int(v["vm_end"]), "r" if f & 1 else "-", "w" if f & 2 else "-",
                "x" if f & 4 else "-", "s" if f & 8 else "p", int(v["vm_pgoff"]),
                symname(v["vm_ops"]) if int(v["vm_ops"]) else "-"))


class LxPagecount(gdb.Command):
    """Free pages per buddy order."""

    def __init__(self):
        super().__init__("lx-pagecount", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        fa = sym("free_area", "mm/page_alloc.c")
        n = fa.type.sizeof // fa[0].type.sizeof
        for o in range(n):
            gdb.write("order %2d: %d free blocks\n" % (o, int(fa[o]["nr_free"])))
        gdb.write("free pages: %d\n" % int(sym("free_pages_count", "mm/page_alloc.c")))


class LxWaits(gdb.Command):
    """The wait-for graph from a stopped kernel, and the deadlocked tasks (as waits -d)."""

    def __init__(self):
        super().__init__("lx-waits", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        g = build_graph()
        stuck = stuck_set(g)
        gdb.write("%d sleepers in the graph, %d stuck\n" % (len(g), len(stuck)))
        for pid, (c, what, wakers, anyone, role, owner, hint) in sorted(g.items()):
            who = anyone and "anyone (%s)" % anyone or ", ".join(
                "%s %d%s%s" % (role, p, " (owner)" if p == owner else "", " (fd %d)" % fd if fd >= 0 else "")
                for p, fd in wakers)
            gdb.write("  %5d %-15s %s <- %s%s%s\n" % (pid, c, what, who, hint, "  STUCK" if pid in stuck else ""))
        report_stuck(g, stuck)


def report_stuck(g, stuck):
    """As waits -d: each cycle (tasks that reach one another through stuck wakers), then the
    tasks that only wait behind one."""
    def reach(a):
        seen, todo = set(), [a]
        while todo:
            for w, _ in g[todo.pop()][2]:
                if w in stuck and w not in seen:
                    seen.add(w)
                    todo.append(w)
        return seen

    r = {p: reach(p) for p in stuck}
    done = set()
    for pid in sorted(stuck):
        if pid in done or pid not in r[pid]:
            continue
        group = sorted(q for q in stuck if q == pid or (q in r[pid] and pid in r[q]))
        done |= set(group)
        c, what, wakers, _, role, _, _ = g[pid]
        if len(group) == 1:
            fd = wakers[0][1]
            gdb.write("pid %d (%s) sleeps in %s; the only %s is pid %d itself%s\n" % (
                pid, c, what, role, pid, " (fd %d)" % fd if fd >= 0 else ""))
            continue
        names = ", ".join(map(str, group[:-1])) + " and %d" % group[-1]
        gdb.write("pids %s are deadlocked: %s\n" % (names, "; ".join(
            "%d sleeps in %s, woken only by %s" % (p, g[p][1], ",".join(str(w) for w, _ in g[p][2]))
            for p in group)))
    for pid in sorted(stuck - done):
        c, what, wakers, _, role, _, _ = g[pid]
        gdb.write("pid %d (%s) sleeps in %s; every %s that could wake it (pid %s) is stuck itself: "
                  "it waits behind the deadlock above\n" % (pid, c, what, role,
                                                             ",".join(str(w) for w, _ in wakers)))


def guarded(cls):
    """A read of bad memory ends the command with what it printed so far and where it stopped."""
    inner = cls.invoke

    def invoke(self, arg, from_tty):
        try:
            inner(self, arg, from_tty)
        except gdb.MemoryError as e:
            gdb.write("[%s stopped: %s]\n" % (self._name, e))

    cls.invoke = invoke
    return cls


for name, cmd in (("lx-ps", LxPs), ("lx-dmesg", LxDmesg), ("lx-current", LxCurrent),
                  ("lx-files", LxFiles), ("lx-pipes", LxPipes), ("lx-ipcs", LxIpcs),
                  ("lx-waitq", LxWaitq), ("lx-vma", LxVma), ("lx-pagecount", LxPagecount),
                  ("lx-waits", LxWaits)):
    cmd._name = name
    guarded(cmd)()
