/*
 * lwIP's sys_arch (see lwip/sys.h for each function's contract) on the
 * kernel's threads, semaphores, mutexes and clock.  lwIP counts timeouts
 * in ms with 0 meaning "forever"; the kernel's 0 means "poll".
 */
#include <limits.h>
#include <stdint.h>

#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "lwip/mem.h"
#include "lwip/sys.h"

static int64_t kernel_timeout(u32_t timeout_ms)
{
	return timeout_ms == 0 ? WAIT_FOREVER : (int64_t)timeout_ms;
}

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)sched_now_ms();
}

sys_prot_t sys_arch_protect(void)
{
	return irq_save();
}

void sys_arch_unprotect(sys_prot_t flags)
{
	irq_restore(flags);
}

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	ksem_init(&sem->sem, count, UINT_MAX);
	sem->valid = true;
	return ERR_OK;
}

void sys_sem_signal(sys_sem_t *sem)
{
	ksem_give(&sem->sem);
}

/* Returns the time waited; that lwIP wants it is why the clock is read. */
u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	u32_t start = sys_now();

	if (ksem_take(&sem->sem, kernel_timeout(timeout)) < 0)
		return SYS_ARCH_TIMEOUT;
	return sys_now() - start;
}

void sys_sem_free(sys_sem_t *sem)
{
	sem->valid = false;
}

int sys_sem_valid(sys_sem_t *sem)
{
	return sem->valid;
}

void sys_sem_set_invalid(sys_sem_t *sem)
{
	sem->valid = false;
}

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	mutex_init(&mutex->mutex);
	mutex->valid = true;
	return ERR_OK;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	(void)mutex_lock(&mutex->mutex, WAIT_FOREVER);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	(void)mutex_unlock(&mutex->mutex);
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	mutex->valid = false;
}

int sys_mutex_valid(sys_mutex_t *mutex)
{
	return mutex->valid;
}

void sys_mutex_set_invalid(sys_mutex_t *mutex)
{
	mutex->valid = false;
}

/* The slots come from lwIP's heap: netconns come and go with theirs. */
err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	if (size <= 0)
		return ERR_VAL;
	mbox->slots = mem_malloc((mem_size_t)(sizeof(void *) * (size_t)size));
	if (!mbox->slots)
		return ERR_MEM;
	mbox->size = (unsigned int)size;
	mbox->head = 0;
	mbox->count = 0;
	ksem_init(&mbox->used, 0, (unsigned int)size);
	ksem_init(&mbox->free, (unsigned int)size, (unsigned int)size);
	return ERR_OK;
}

static void mbox_push(sys_mbox_t *mbox, void *msg)
{
	sys_prot_t flags = sys_arch_protect();

	mbox->slots[(mbox->head + mbox->count) % mbox->size] = msg;
	mbox->count++;
	sys_arch_unprotect(flags);
	ksem_give(&mbox->used);
}

static void *mbox_pop(sys_mbox_t *mbox)
{
	sys_prot_t flags = sys_arch_protect();
	void *msg = mbox->slots[mbox->head];

	mbox->head = (mbox->head + 1) % mbox->size;
	mbox->count--;
	sys_arch_unprotect(flags);
	ksem_give(&mbox->free);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	(void)ksem_take(&mbox->free, WAIT_FOREVER);
	mbox_push(mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (ksem_take(&mbox->free, 0) < 0)
		return ERR_MEM;
	mbox_push(mbox, msg);
	return ERR_OK;
}

/* ksem_take() with no wait and ksem_give() are safe with IRQs masked. */
err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	u32_t start = sys_now();
	void *m;

	if (ksem_take(&mbox->used, kernel_timeout(timeout)) < 0)
		return SYS_ARCH_TIMEOUT;
	m = mbox_pop(mbox);
	if (msg)
		*msg = m;
	return sys_now() - start;
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (ksem_take(&mbox->used, 0) < 0)
		return SYS_MBOX_EMPTY;
	m = mbox_pop(mbox);
	if (msg)
		*msg = m;
	return 0;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	if (mbox->count)
		printk("lwip: mailbox freed with %u messages\n", mbox->count);
	mem_free(mbox->slots);
	mbox->slots = NULL;
}

int sys_mbox_valid(sys_mbox_t *mbox)
{
	return mbox->slots != NULL;
}

void sys_mbox_set_invalid(sys_mbox_t *mbox)
{
	mbox->slots = NULL;
}

struct thread_start {
	lwip_thread_fn fn;
	void *arg;
};

/*
 * lwIP's threads (tcpip) serve others: they must not keep the machine
 * on once every app has finished.
 */
static void thread_entry(void *p)
{
	struct thread_start start = *(struct thread_start *)p;

	mem_free(p);
	thread_background();
	start.fn(start.arg);
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg,
			    int stacksize, int prio)
{
	struct thread_start *start = mem_malloc(sizeof(*start));
	struct thread *t;

	if (!start)
		panic("lwip: no memory to start thread %s", name);
	start->fn = fn;
	start->arg = arg;
	t = thread_create(name, thread_entry, start, prio,
			  stacksize > 0 ? (size_t)stacksize :
			  THREAD_STACK_DEFAULT);
	if (!t)
		panic("lwip: cannot create thread %s", name);
	return t;
}
