/*
 * fs/filemap.c - the page index of a file's data (Linux: lib/radix-tree.c
 * and the page-cache half of mm/filemap.c, mm/truncate.c, much reduced).
 * A radix tree of 64-way nodes maps a page index to its page; its height
 * grows as the file does (one node covers 256 KiB, two levels 16 MiB, ...),
 * so a sparse file costs only the nodes on the paths to its pages and no
 * allocation is ever larger than a node.
 */
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/mm_types.h>
#include <kernel/shmem.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <uapi/resource.h>
#include <uapi/fcntl.h>

#define MAP_SHIFT	6
#define MAP_SIZE	(1UL << MAP_SHIFT)
#define MAP_MASK	(MAP_SIZE - 1)
#define MAX_HEIGHT	6	/* 36 bits: more than any 32-bit index */

struct radix_node {
	void *slots[MAP_SIZE];		/* child nodes, or pages at the bottom */
};

/* indexes below this fit in a tree of this height */
static unsigned long long max_index(unsigned int height)
{
	return 1ULL << (MAP_SHIFT * height);
}

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	void *node = mapping->page_tree;
	unsigned int h = mapping->height;

	if (index >= max_index(h))
		return NULL;
	while (node && h--)
		node = ((struct radix_node *)node)->slots[(index >> (h * MAP_SHIFT)) & MAP_MASK];
	return node;
}

/* put page at index; -ENOMEM when a node cannot be had (the tree stays valid) */
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index)
{
	void **slot;
	unsigned int h;

	while (index >= max_index(mapping->height)) {
		if (mapping->page_tree) {
			struct radix_node *n = kzalloc(sizeof(*n), GFP_KERNEL);

			if (!n)
				return -ENOMEM;
			n->slots[0] = mapping->page_tree;
			mapping->page_tree = n;
		}
		mapping->height++;
	}
	slot = &mapping->page_tree;
	for (h = mapping->height; h; h--) {
		if (!*slot) {
			*slot = kzalloc(sizeof(struct radix_node), GFP_KERNEL);
			if (!*slot)
				return -ENOMEM;
		}
		slot = &((struct radix_node *)*slot)->slots[(index >> ((h - 1) * MAP_SHIFT)) & MAP_MASK];
	}
	if (*slot)
		return -EEXIST;
	*slot = page;
	mapping->nrpages++;
	ramfs_pages++;
	return 0;
}

/* free the pages at or past first under *slot; 1 if *slot is now empty */
static int truncate_node(void **slot, unsigned int height, unsigned long long base,
			 unsigned long long first, struct address_space *mapping)
{
	struct radix_node *node = *slot;
	unsigned long long span;
	int empty = 1;

	if (!node)
		return 1;
	if (!height) {
		if (base < first)
			return 0;
		put_page((struct page *)node);	/* a mapping may still hold it: zapped first */
		*slot = NULL;
		mapping->nrpages--;
		ramfs_pages--;
		return 1;
	}
	span = max_index(height - 1);
	for (unsigned long i = 0; i < MAP_SIZE; i++) {
		unsigned long long child = base + i * span;

		if (child + span <= first) {
			if (node->slots[i])
				empty = 0;
			continue;
		}
		if (!truncate_node(&node->slots[i], height - 1, child, first, mapping))
			empty = 0;
	}
	if (!empty)
		return 0;
	kfree(node);
	*slot = NULL;
	return 1;
}

/*
 * Take the pages at or past index first out of every mapping of the file
 * (Linux: unmap_mapping_range with even_cows, as vmtruncate does), private
 * copies too, so a later touch there faults and finds it past EOF: SIGBUS.
 */
static void unmap_mapping_range(struct address_space *mapping, unsigned long long first)
{
	struct vm_area_struct *vma;

	if (!mapping->i_mmap.next)
		return;		/* never mapped */
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		unsigned long start = vma->vm_start;

		if (vma->vm_pgoff + (unsigned long long)pages <= first)
			continue;
		if (first > vma->vm_pgoff)
			start += (first - vma->vm_pgoff) << PAGE_SHIFT;
		zap_page_range(vma->vm_mm, start, vma->vm_end);
	}
}

/* free every page at or past lstart and zero the rest of a partial page */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	unsigned long long first = (lstart + PAGE_SIZE - 1) >> PAGE_SHIFT;
	unsigned int partial = lstart & (PAGE_SIZE - 1);

	unmap_mapping_range(mapping, first);

	if (partial) {
		struct page *page = find_get_page(mapping, first - 1);

		if (page)
			memset((char *)page_address(page) + partial, 0, PAGE_SIZE - partial);
	}
	if (truncate_node(&mapping->page_tree, mapping->height, 0, first, mapping))
		mapping->height = 0;
}

/* the page at index, a zeroed one put in the cache if it was a hole */
struct page *find_or_create_page(struct inode *inode, unsigned long index)
{
	struct address_space *mapping = inode->i_mapping;
	struct page *page = find_get_page(mapping, index);

	if (page)
		return page;
	if (shmem_acct_block(inode))
		return NULL;		/* tmpfs is full */
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (page && add_to_page_cache(page, mapping, index)) {
		__free_page(page);
		page = NULL;
	}
	if (!page) {
		shmem_unacct_blocks(inode, 1);
		return NULL;
	}
	inode->i_blocks = mapping->nrpages * (PAGE_SIZE / 512);
	return page;
}

/*
 * Where a write of count bytes at *pos may go (Linux: generic_write_checks
 * in mm/filemap.c): O_APPEND writes at the end; a write that starts at or
 * past RLIMIT_FSIZE fails with EFBIG and SIGXFSZ, one that crosses it is cut
 * at the limit; the file system's s_maxbytes bounds it the same way, with no
 * signal. Truncation has its own check (vmtruncate in fs/inode.c).
 */
int generic_write_checks(struct file *f, loff_t *pos, size_t *count)
{
	struct inode *inode = file_inode(f);
	unsigned long limit = current->rlim[RLIMIT_FSIZE].rlim_cur;
	loff_t max = inode->i_sb->s_maxbytes;

	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	if (limit != RLIM_INFINITY) {
		if (*pos >= (loff_t)limit) {
			send_sig(SIGXFSZ, current, 0);
			return -EFBIG;
		}
		if ((loff_t)*count > (loff_t)limit - *pos)
			*count = limit - *pos;
	}
	if (*pos >= max)
		return -EFBIG;
	if ((loff_t)*count > max - *pos)
		*count = max - *pos;
	return 0;
}

/*
 * File mappings (Linux: filemap_nopage and generic_file_mmap in
 * mm/filemap.c). A fault maps the page cache's own page: a MAP_SHARED
 * mapping writes it in place, so every mapping and read/write see the same
 * bytes; a MAP_PRIVATE one maps it read-only and its first write copies it
 * (mm/memory.c's copy-on-write: the cache holds a reference too), so writes
 * to the file show through until then. exec maps a program's segments the
 * same way. A hole gets a zeroed page in the cache, as ramfs/tmpfs do; a
 * page wholly past EOF is SIGBUS. Each mapping holds the file and sits on
 * the file's i_mmap list, which truncation walks.
 */
static void filemap_vm_open(struct vm_area_struct *vma)
{
	struct file *file = vma->vm_private_data;
	struct address_space *mapping = file_inode(file)->i_mapping;

	vma->vm_file = get_file(file);
	if (!mapping->i_mmap.next)
		INIT_LIST_HEAD(&mapping->i_mmap);
	list_add(&vma->shared, &mapping->i_mmap);
}

static void filemap_vm_close(struct vm_area_struct *vma)
{
	list_del(&vma->shared);
	fput(vma->vm_file);
}

static struct page *filemap_nopage(struct vm_area_struct *vma, unsigned long address)
{
	struct inode *inode = file_inode(vma->vm_file);
	unsigned long index = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
	struct page *page;

	if ((unsigned long long)index >= ((unsigned long long)inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT)
		return NULL;	/* SIGBUS */
	page = find_or_create_page(inode, index);
	if (!page)
		return NULL;
	get_page(page);
	return page;
}

const struct vm_operations_struct generic_file_vm_ops = {
	.open = filemap_vm_open,
	.close = filemap_vm_close,
	.nopage = filemap_nopage,
};

/* f_op->mmap of page-cache files: the vma's ops and object */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &generic_file_vm_ops;
	vma->vm_private_data = file;
	return 0;
}
