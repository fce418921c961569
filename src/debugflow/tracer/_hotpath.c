/* The compiled core of the hot path (see hotpath.py): the per-call work of plain calls in C.
 *
 * `hotpath.HotPath` keeps its state in plain Python lists and dicts (code-table entries,
 * call-tree nodes, shadow frames, shadow stacks by thread id) that the collector reads. This
 * module works on exactly those objects, so the Python hot path and this one cannot disagree
 * about a shape: it does the common case of `start` and `returned` (a plain call past its
 * detail budget: find the node, count, push a shadow frame, time it, pop) without running
 * any Python code, and calls the Python slow path (`record_start`, `end` and the other
 * callbacks) for everything that becomes a record.
 *
 * What it keeps in C meanwhile, so that a plain call makes no Python object at all:
 *   - the shadow frames of the calls it times, as C structs on a per-thread array (`Thread`)
 *     that continues the thread's Python shadow stack. Before any Python code looks at that
 *     stack (the slow path, or `HotPath` through `hand_over()`), they are *handed over*:
 *     appended to it as the lists hotpath.py describes, with the time of the calls that ended
 *     above its top added to that top frame's child time. Handing over changes no number and
 *     no record, only where the frames are kept;
 *   - each code object's detail budget (its countdown), and the numbers of plain calls (a
 *     node's calls, durations and own time, an entry's outermost total), written into the
 *     lists by `settle()`, which `NodeTable.settle` and `CodeTable.settle` are bound to.
 *
 * Two ways in:
 *   - `FastPath.start`, `returned`, `yielded`, `resumed`, `raised`, `unwound`, `thrown`:
 *     `sys.monitoring` callbacks the monitoring backend registers instead of the Python ones;
 *   - `FastPath.install()` / `install_all()`: a C trace function (`PyEval_SetTrace`) that
 *     replaces the settrace backend's Python `on_call` and `local` functions.
 *
 * Code objects are found by address in an open-addressing table; the table holds a reference
 * to each entry (the code table pins the code object). Times come from CLOCK_MONOTONIC,
 * the clock `time.perf_counter_ns()` reads on POSIX systems, so times taken here and in the
 * Python slow path are on one clock.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#if PY_VERSION_HEX < 0x030D0000 && !defined(CLOCK_MONOTONIC)
#error "the compiled hot path needs clock_gettime(CLOCK_MONOTONIC) before Python 3.13"
#endif

/* Slots of the lists hotpath.py describes. */
enum { E_CODE = 0, E_KIND = 1, E_BUDGET = 3, E_DATA = 4, E_TOTAL = 5, E_OPEN = 6, E_ID = 7 };
enum { F_ENTRY = 0, F_START = 1, F_CHILD = 2, F_RECORDED = 3, F_OUTERMOST = 4, F_DETAILED = 5,
       F_NODE = 8 };
enum { G_NODE = 0, G_SPENT = 1, G_CHILD = 2, G_OUTERMOST = 3, G_RECORDED = 4, G_SIZE = 5 };
enum { N_CHILDREN = 0, N_CALLS = 4, N_DURATIONS = 5, N_OWN = 6 };
#define FRAME_SIZE 9
#define KIND_PLAIN 0      /* records.PLAIN, GENERATOR and COROUTINE */
#define KIND_COROUTINE 2
#define RETURNS 1
#define YIELDS 2
#define RESUMES 4
#define UNTRACED_LIMIT 100000

/* Python ints to and from 64-bit integers. Where `long` has 64 bits (LP64), through the
 * `long` functions: CPython 3.12's `PyLong_AsLongLong` takes a generic byte-array path for
 * any int past one digit (a start time in nanoseconds is two), several times slower. */
#if LONG_MAX >= 0x7FFFFFFFFFFFFFFF
#define as_i64(obj) ((long long)PyLong_AsLong(obj))
#define from_i64(value) PyLong_FromLong((long)(value))
#else
#define as_i64(obj) PyLong_AsLongLong(obj)
#define from_i64(value) PyLong_FromLongLong(value)
#endif

static inline long long now_ns(void) {
#if PY_VERSION_HEX >= 0x030D0000
    PyTime_t t;
    (void)PyTime_PerfCounterRaw(&t);
    return (long long)t;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
#endif
}

/* An open-addressing table keyed by an object's address: code -> its entry, id(code), and
 * what is kept of the entry in C (its kind, and its detail budget's countdown). */
typedef struct {
    void *key;
    PyObject *value;   /* strong */
    PyObject *cid;     /* strong: the entry's id(code), the key of the Python dicts */
    PyObject *budget;  /* strong: the budget int last read from or written into the entry */
    long long left;    /* the budget counted down here since; `settle` writes it back */
    struct Pending *total;  /* the entry's pending outermost total */
    int kind;
    int budget_moved;  /* `left` differs from `budget` */
} Slot;

typedef struct {
    Slot *slots;
    size_t mask;  /* capacity - 1; capacity is a power of two */
    size_t used;
} AddrTable;

static size_t addr_hash(void *key) {
    uintptr_t k = (uintptr_t)key;
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 29;
    return (size_t)k;
}

/* The slot of `key` in an open-addressing array of `size`-byte slots whose first member is
 * their key (`mask` + 1 of them, or none), or NULL. */
static void *find_slot(void *slots, size_t mask, size_t size, void *key) {
    if (slots == NULL) {
        return NULL;
    }
    size_t i = addr_hash(key) & mask;
    for (;;) {
        void *slot = (char *)slots + i * size;
        void *found = *(void **)slot;
        if (found == key) {
            return slot;
        }
        if (found == NULL) {
            return NULL;
        }
        i = (i + 1) & mask;
    }
}

static Slot *addr_find(AddrTable *table, void *key) {
    return find_slot(table->slots, table->mask, sizeof(Slot), key);
}

/* Move the used slots of an open-addressing array (`size`-byte slots whose first member is
 * their key; `mask` + 1 of them, or none) into a new array twice as large (256 at first). */
static int grow_slots(void **slots, size_t *mask, size_t size) {
    char *old = *slots;
    size_t old_capacity = old == NULL ? 0 : *mask + 1;
    size_t capacity = old == NULL ? 256 : old_capacity * 2;
    char *grown = PyMem_Calloc(capacity, size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t j = 0; j < old_capacity; j++) {
        void *key = *(void **)(old + j * size);
        if (key != NULL) {
            size_t i = addr_hash(key) & (capacity - 1);
            while (*(void **)(grown + i * size) != NULL) {
                i = (i + 1) & (capacity - 1);
            }
            memcpy(grown + i * size, old + j * size, size);
        }
    }
    PyMem_Free(old);
    *slots = grown;
    *mask = capacity - 1;
    return 0;
}

/* Make room for one more item in an array of `count` items of `size` bytes (`*capacity` of
 * them allocated), doubling it when full (`first` items at first). -1 with an error. */
static int room_for_one(void **items, Py_ssize_t count, Py_ssize_t *capacity, size_t size,
                        Py_ssize_t first) {
    if (count < *capacity) {
        return 0;
    }
    Py_ssize_t grown_capacity = *capacity ? *capacity * 2 : first;
    void *grown = PyMem_Realloc(*items, (size_t)grown_capacity * size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *items = grown;
    *capacity = grown_capacity;
    return 0;
}

static int addr_grow(AddrTable *table) {
    return grow_slots((void **)&table->slots, &table->mask, sizeof(Slot));
}

/* Store key -> (value, cid), taking new references to both. */
static int addr_put(AddrTable *table, void *key, PyObject *value, PyObject *cid) {
    if (table->slots == NULL || (table->used + 1) * 2 > table->mask + 1) {
        if (addr_grow(table) < 0) {
            return -1;
        }
    }
    size_t i = addr_hash(key) & table->mask;
    while (table->slots[i].key != NULL && table->slots[i].key != key) {
        i = (i + 1) & table->mask;
    }
    Slot *slot = &table->slots[i];
    if (slot->key == NULL) {
        table->used++;
    }
    Py_XINCREF(value);
    Py_XINCREF(cid);
    Py_XSETREF(slot->value, value);
    Py_XSETREF(slot->cid, cid);
    slot->key = key;
    return 0;
}

static void addr_clear(AddrTable *table) {
    if (table->slots == NULL) {
        return;
    }
    Slot *slots = table->slots;
    size_t capacity = table->mask + 1;
    table->slots = NULL;
    table->mask = 0;
    table->used = 0;
    for (size_t j = 0; j < capacity; j++) {
        Py_CLEAR(slots[j].value);
        Py_CLEAR(slots[j].cid);
        Py_CLEAR(slots[j].budget);
    }
    PyMem_Free(slots);
}

static int addr_traverse(AddrTable *table, visitproc visit, void *arg) {
    if (table->slots == NULL) {
        return 0;
    }
    for (size_t j = 0; j <= table->mask; j++) {
        Py_VISIT(table->slots[j].value);
    }
    return 0;
}

/* Numbers of plain calls not yet written into the Python objects (see `settle`): per node,
 * the calls started, the own time and the durations of the calls that ended; per entry, the
 * total time of outermost calls. Keeping them here spares the per-call Python ints that
 * adding to a list item makes. Found by the node's (or the code's) address; each is
 * allocated once and never moves, so a shadow frame and the edge cache can point to it. */
typedef struct Pending {
    PyObject *target;     /* strong: the node list, or the entry list */
    long long calls;      /* nodes: calls started */
    long long own;        /* nodes: own time; entries: outermost total */
    long long *durations; /* nodes: durations of ended calls, in the order they ended */
    Py_ssize_t count, capacity;
    int dirty;
} Pending;

typedef struct {
    void *key;            /* the node, or the code object */
    Pending *pending;
} PendingSlot;

typedef struct {
    PendingSlot *slots;
    size_t mask;
    size_t used;
    Pending **dirty;      /* the numbers to settle */
    Py_ssize_t dirty_count, dirty_capacity;
} PendingTable;

/* The pending numbers of `key`, made for `target` if new. */
static Pending *pending_get(PendingTable *table, void *key, PyObject *target) {
    PendingSlot *slot = find_slot(table->slots, table->mask, sizeof(PendingSlot), key);
    if (slot != NULL) {
        return slot->pending;
    }
    if ((table->used + 1) * 2 > (table->slots == NULL ? 0 : table->mask + 1) &&
        grow_slots((void **)&table->slots, &table->mask, sizeof(PendingSlot)) < 0) {
        return NULL;
    }
    Pending *pending = PyMem_Calloc(1, sizeof(Pending));
    if (pending == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    pending->target = Py_NewRef(target);
    size_t i = addr_hash(key) & table->mask;
    while (table->slots[i].key != NULL) {
        i = (i + 1) & table->mask;
    }
    table->slots[i] = (PendingSlot){key, pending};
    table->used++;
    return pending;
}

/* Mark numbers to be settled. Runs no Python code. */
static int pending_mark(PendingTable *table, Pending *pending) {
    if (pending->dirty) {
        return 0;
    }
    if (room_for_one((void **)&table->dirty, table->dirty_count, &table->dirty_capacity,
                     sizeof(Pending *), 64) < 0) {
        return -1;
    }
    table->dirty[table->dirty_count++] = pending;
    pending->dirty = 1;
    return 0;
}

static Pending *pending_for(PendingTable *table, void *key, PyObject *target) {
    Pending *pending = pending_get(table, key, target);
    return pending == NULL || pending_mark(table, pending) < 0 ? NULL : pending;
}

static int pending_push(Pending *slot, long long duration) {
    if (room_for_one((void **)&slot->durations, slot->count, &slot->capacity, sizeof(long long),
                     16) < 0) {
        return -1;
    }
    slot->durations[slot->count++] = duration;
    return 0;
}

static void pending_clear(PendingTable *table) {
    PendingSlot *slots = table->slots;
    size_t capacity = slots == NULL ? 0 : table->mask + 1;
    Pending **dirty = table->dirty;
    table->slots = NULL;
    table->mask = table->used = 0;
    table->dirty = NULL;
    table->dirty_count = table->dirty_capacity = 0;
    for (size_t j = 0; j < capacity; j++) {
        Pending *pending = slots[j].pending;
        if (pending != NULL) {
            PyMem_Free(pending->durations);
            Py_CLEAR(pending->target);
            PyMem_Free(pending);
        }
    }
    PyMem_Free(slots);
    PyMem_Free(dirty);
}

static int pending_traverse(PendingTable *table, visitproc visit, void *arg) {
    for (size_t j = 0; table->slots != NULL && j <= table->mask; j++) {
        if (table->slots[j].pending != NULL) {
            Py_VISIT(table->slots[j].pending->target);
        }
    }
    return 0;
}

/* A recently used place in the call tree: a call of `code` under `parent` lands in `node`.
 * The cache of them spares a dict lookup and a table lookup per call in loops. It holds its
 * node, which holds its parent and its entry (so its code): while cached, neither address
 * can be reused by another object. */
typedef struct {
    PyObject *parent;  /* borrowed: held by the node */
    PyObject *code;    /* borrowed: held by the node's entry */
    PyObject *node;    /* strong */
    Pending *pending;  /* the node's numbers */
} Edge;

#define EDGES 4096  /* a power of two */

static size_t edge_index(PyObject *parent, PyObject *code) {
    return addr_hash((void *)((uintptr_t)parent ^ ((uintptr_t)code << 1))) & (EDGES - 1);
}

/* A shadow frame kept in C: a call this core times, not yet handed over (see the top). */
typedef struct {
    PyObject *code;   /* borrowed: the entry pins it */
    PyObject *entry;  /* borrowed: the address table holds it */
    PyObject *node;   /* strong */
    PyObject *key;    /* strong, or NULL: a later stretch's generator frame key (`detailed`) */
    Pending *numbers; /* the node's pending numbers */
    Pending *total;   /* the entry's pending outermost total */
    long long start, child;
    int kind, outermost;
} TimedFrame;

/* Whether an outermost call of a code object is among a thread's C frames. */
typedef struct {
    void *code;
    int held;
} HeldSlot;

/* One thread's C frames, continuing its Python shadow stack.
 *
 * A call is outermost when no other call of its code runs on its thread (a recursive call's
 * time is in the outer call's total). For Python frames the entry's set of thread ids says
 * so (hotpath.py); for C frames the thread's `held` table does, so a plain call costs no set
 * operation: a C frame's thread id goes into the entry's set only when it is handed over. */
typedef struct {
    unsigned long tid;
    PyObject *tid_key;       /* strong: the thread id as an int, the key of the stacks */
    PyObject *stack;         /* strong, or NULL until read: the thread's Python shadow stack */
    TimedFrame *frames;
    Py_ssize_t depth, capacity;
    HeldSlot *held;          /* code -> whether an outermost call of it is a C frame here */
    size_t held_mask, held_used;
    long long handed_child;  /* time of C frames that ended right above the Python stack's
                              * top, not yet added to that frame's child time */
} Thread;

typedef struct {
    void *key;  /* the thread id (see thread_key) */
    Thread *thread;
} ThreadSlot;

typedef struct {
    PyObject_HEAD
    PyObject *entries;       /* the code table's entries: id(code) -> entry */
    PyObject *stacks;        /* the hot path's shadow stacks: thread id -> stack */
    PyObject *first_sight;   /* (code, frame) -> entry | None */
    PyObject *untraced;      /* what `start` answers for code that is not traced */
    PyObject *new_stack;     /* (tid) -> stack, made with its base frame */
    PyObject *child;         /* (parent, entry, cid) -> node */
    PyObject *record_start;  /* (entry, code, tid, stack, frame, detailed) */
    PyObject *end;           /* (stack, code, tid, t, how, detail, frame, offset) */
    PyObject *resumed;       /* the Python callbacks for the rarer events */
    PyObject *yielded;
    PyObject *raised;
    PyObject *unwound;
    PyObject *thrown;
    PyObject *how_return;    /* records.RETURN */
    PyObject *buffer;        /* the hot path's raw records (a list), or None: none made here */
    PyObject *no_value;      /* records.NO_VALUE */
    PyObject *generators;    /* hotpath's generators timed between stretches: id(frame) ->
                              * [node, spent, child, outermost, recorded], shared with its
                              * Python callbacks; None: none here */
    long long sample_every;
    PyObject *sampling;      /* hotpath's one-item list: False while the sinks are behind (no
                              * call past its budget is kept in detail then); None: always */
    AddrTable codes;         /* code -> entry, id(code), kind, budget */
    AddrTable skipped;       /* settrace only: code -> code, for code that is not traced */
    int budgets_moved;       /* some slot's budget was counted down since the last settle */
    ThreadSlot *threads;     /* thread id -> its Thread */
    size_t threads_mask, threads_used;
    Thread *last;            /* the thread of the last event */
    Edge *edges;             /* EDGES recently used places in the tree, or NULL */
    int active;              /* settrace only: 0 once stopped, so other threads unhook */
    PendingTable nodes;      /* node -> its pending calls, own time and durations */
    PendingTable totals;     /* code -> its entry's pending outermost total */
} FastPath;

static void *thread_key(unsigned long tid) {
    return tid == 0 ? (void *)~(uintptr_t)0 : (void *)(uintptr_t)tid;
}

/* The running thread's state, made on its first event. */
static Thread *thread_of(FastPath *self) {
    unsigned long tid = PyThread_get_thread_ident();
    if (self->last != NULL && self->last->tid == tid) {
        return self->last;
    }
    void *key = thread_key(tid);
    ThreadSlot *slot = find_slot(self->threads, self->threads_mask, sizeof(ThreadSlot), key);
    if (slot != NULL) {
        self->last = slot->thread;
        return slot->thread;
    }
    if ((self->threads_used + 1) * 2 > (self->threads == NULL ? 0 : self->threads_mask + 1) &&
        grow_slots((void **)&self->threads, &self->threads_mask, sizeof(ThreadSlot)) < 0) {
        return NULL;
    }
    Thread *thread = PyMem_Calloc(1, sizeof(Thread));
    PyObject *tid_key = PyLong_FromUnsignedLong(tid);
    if (thread == NULL || tid_key == NULL) {
        PyMem_Free(thread);
        Py_XDECREF(tid_key);
        return thread == NULL ? (Thread *)PyErr_NoMemory() : NULL;
    }
    thread->tid = tid;
    thread->tid_key = tid_key;
    size_t i = addr_hash(key) & self->threads_mask;
    while (self->threads[i].key != NULL) {
        i = (i + 1) & self->threads_mask;
    }
    self->threads[i] = (ThreadSlot){key, thread};
    self->threads_used++;
    self->last = thread;
    return thread;
}

/* The `held` slot of `code` on `thread`, made if new; NULL with an error on failure. */
static HeldSlot *held_slot(Thread *thread, PyObject *code) {
    HeldSlot *slot = find_slot(thread->held, thread->held_mask, sizeof(HeldSlot), code);
    if (slot != NULL) {
        return slot;
    }
    if ((thread->held_used + 1) * 2 > (thread->held == NULL ? 0 : thread->held_mask + 1) &&
        grow_slots((void **)&thread->held, &thread->held_mask, sizeof(HeldSlot)) < 0) {
        return NULL;
    }
    size_t i = addr_hash(code) & thread->held_mask;
    while (thread->held[i].code != NULL) {
        i = (i + 1) & thread->held_mask;
    }
    thread->held[i] = (HeldSlot){code, 0};
    thread->held_used++;
    return &thread->held[i];
}

/* Whether a call of `code` starting now on `thread` is its outermost one there (no other
 * runs, as a C frame or a Python one); if so it is marked held. -1 with an error on failure. */
static int claim_outermost(Thread *thread, PyObject *code, PyObject *entry) {
    HeldSlot *slot = held_slot(thread, code);
    if (slot == NULL) {
        return -1;
    }
    if (slot->held) {
        return 0;
    }
    PyObject *opened = PyList_GET_ITEM(entry, E_OPEN);
    if (PySet_GET_SIZE(opened) > 0) {
        int running = PySet_Contains(opened, thread->tid_key);
        if (running != 0) {
            return running < 0 ? -1 : 0;
        }
    }
    slot->held = 1;
    return 1;
}

/* An outermost C frame of `code` leaves the thread's C frames (it ended, or went to Python). */
static void release_outermost(Thread *thread, PyObject *code) {
    HeldSlot *slot = find_slot(thread->held, thread->held_mask, sizeof(HeldSlot), code);
    if (slot != NULL) {
        slot->held = 0;
    }
}

static int add_to_item(PyObject *list, Py_ssize_t index, long long amount) {
    long long value = as_i64(PyList_GET_ITEM(list, index));
    if (value == -1 && PyErr_Occurred()) {
        return -1;
    }
    PyObject *sum = from_i64(value + amount);
    if (sum == NULL) {
        return -1;
    }
    return PyList_SetItem(list, index, sum);  /* drops the old int */
}

/* Forget a thread's C frames (their calls' ends will not be seen), as hotpath's `_top_of`
 * forgets lost frames. */
static void drop_frames(Thread *thread) {
    while (thread->depth > 0) {
        TimedFrame *frame = &thread->frames[--thread->depth];
        if (frame->outermost) {
            release_outermost(thread, frame->code);
        }
        Py_DECREF(frame->node);
        Py_XDECREF(frame->key);
    }
    thread->handed_child = 0;
}

/* The thread's Python shadow stack (borrowed), read once and kept: `HotPath` replaces a
 * thread's stack only after `hand_over()`, which makes it read again. */
static PyObject *python_stack(FastPath *self, Thread *thread) {
    if (thread->stack != NULL) {
        return thread->stack;
    }
    PyObject *stack = PyDict_GetItemWithError(self->stacks, thread->tid_key);
    if (stack != NULL) {
        Py_INCREF(stack);
    } else if (PyErr_Occurred() ||
               (stack = PyObject_CallOneArg(self->new_stack, thread->tid_key)) == NULL) {
        return NULL;
    }
    if (!PyList_CheckExact(stack) || PyList_GET_SIZE(stack) == 0) {
        Py_DECREF(stack);
        PyErr_SetString(PyExc_TypeError, "a shadow stack must be a list with its base frame");
        return NULL;
    }
    drop_frames(thread);  /* any left would continue another stack */
    Py_XSETREF(thread->stack, stack);
    return stack;
}

/* Whether `stack` is a shadow stack whose top is a shadow frame (hotpath.py's shapes). */
static int well_formed(PyObject *stack) {
    if (!PyList_CheckExact(stack) || PyList_GET_SIZE(stack) == 0) {
        return 0;
    }
    PyObject *top = PyList_GET_ITEM(stack, PyList_GET_SIZE(stack) - 1);
    if (!PyList_CheckExact(top) || PyList_GET_SIZE(top) != FRAME_SIZE) {
        return 0;
    }
    PyObject *entry = PyList_GET_ITEM(top, F_ENTRY), *node = PyList_GET_ITEM(top, F_NODE);
    return PyList_CheckExact(entry) && PyList_GET_SIZE(entry) > E_OPEN &&
           PyList_CheckExact(node) && PyList_GET_SIZE(node) > N_OWN;
}

static PyObject *malformed(void) {
    PyErr_SetString(PyExc_TypeError, "a shadow stack or frame is not shaped as hotpath.py says");
    return NULL;
}

/* The shadow frame hotpath.py describes for a C frame:
 * `[entry, start, child, False, outermost, key or False, None, 0, node]`. New reference. */
static PyObject *frame_list(const TimedFrame *frame) {
    PyObject *start = from_i64(frame->start), *child = from_i64(frame->child);
    PyObject *shadow = start == NULL || child == NULL ? NULL : PyList_New(FRAME_SIZE);
    if (shadow == NULL) {
        Py_XDECREF(start);
        Py_XDECREF(child);
        return NULL;
    }
    PyList_SET_ITEM(shadow, F_ENTRY, Py_NewRef(frame->entry));
    PyList_SET_ITEM(shadow, F_START, start);
    PyList_SET_ITEM(shadow, F_CHILD, child);
    PyList_SET_ITEM(shadow, F_RECORDED, Py_NewRef(Py_False));
    PyList_SET_ITEM(shadow, F_OUTERMOST, Py_NewRef(frame->outermost ? Py_True : Py_False));
    PyList_SET_ITEM(shadow, F_DETAILED, Py_NewRef(frame->key ? frame->key : Py_False));
    PyList_SET_ITEM(shadow, 6, Py_NewRef(Py_None));
    PyList_SET_ITEM(shadow, 7, PyLong_FromLong(0));  /* a small int: never fails */
    PyList_SET_ITEM(shadow, F_NODE, Py_NewRef(frame->node));
    return shadow;
}

/* Add the time of C frames that ended above the Python stack's top to that frame, before a
 * Python frame is read or ended here. */
static int settle_handed(Thread *thread, PyObject *stack) {
    if (thread->handed_child == 0) {
        return 0;
    }
    long long amount = thread->handed_child;
    thread->handed_child = 0;
    return add_to_item(PyList_GET_ITEM(stack, PyList_GET_SIZE(stack) - 1), F_CHILD, amount);
}

/* Hand the thread's C frames over to its Python shadow stack (see the top): after this,
 * Python code sees the thread's whole stack. The cyclic GC is held off meanwhile, so no
 * finalizer runs traced code on this thread in the middle. -1 with an error on failure
 * (the frames not handed over are dropped). */
static int hand_over(Thread *thread) {
    if (thread->depth == 0 && thread->handed_child == 0) {
        return 0;
    }
    PyObject *stack = thread->stack;
    if (stack == NULL || !well_formed(stack)) {
        drop_frames(thread);
        return stack == NULL ? 0 : (malformed(), -1);
    }
    int collecting = PyGC_Disable();
    int failed = settle_handed(thread, stack) < 0;
    Py_ssize_t handed = 0;
    for (; !failed && handed < thread->depth; handed++) {
        TimedFrame *frame = &thread->frames[handed];
        PyObject *shadow = frame_list(frame);
        failed = shadow == NULL || PyList_Append(stack, shadow) < 0 ||
                 (frame->outermost &&
                  PySet_Add(PyList_GET_ITEM(frame->entry, E_OPEN), thread->tid_key) < 0);
        Py_XDECREF(shadow);
        if (!failed) {
            if (frame->outermost) {
                release_outermost(thread, frame->code);
            }
            Py_DECREF(frame->node);
            Py_XDECREF(frame->key);
        }
    }
    if (failed) {  /* drop the frames not handed over */
        memmove(thread->frames, thread->frames + handed - 1,
                (size_t)(thread->depth - handed + 1) * sizeof(TimedFrame));
        thread->depth -= handed - 1;
        drop_frames(thread);
    }
    thread->depth = 0;
    if (collecting) {
        PyGC_Enable();
    }
    return failed ? -1 : 0;
}

/* Push a C frame for a call of `entry`'s code starting now, taking the reference to `node`
 * and to `key` (NULL, or a later stretch's frame key); `outermost` as `claim_outermost` said. */
static int push_frame(Thread *thread, PyObject *code, PyObject *entry, int kind, PyObject *node,
                      Pending *numbers, Pending *total, PyObject *key, int outermost) {
    if (room_for_one((void **)&thread->frames, thread->depth, &thread->capacity,
                     sizeof(TimedFrame), 64) < 0) {
        if (outermost) {
            release_outermost(thread, code);
        }
        Py_DECREF(node);
        Py_XDECREF(key);
        return -1;
    }
    thread->frames[thread->depth++] = (TimedFrame){code, entry, node, key, numbers, total,
                                                   now_ns(), 0, kind, outermost};
    return 0;
}

/* Pop the thread's top C frame, ending its stretch at `t`: its time goes into its caller's
 * child time. The caller gets the frame's references. */
static TimedFrame pop_frame(Thread *thread, long long t, long long *duration) {
    TimedFrame frame = thread->frames[--thread->depth];
    *duration = t - frame.start;
    if (thread->depth > 0) {
        thread->frames[thread->depth - 1].child += *duration;
    } else {
        thread->handed_child += *duration;
    }
    return frame;
}

static PyObject *frame_or_none(void) {
    PyFrameObject *frame = PyEval_GetFrame();
    return frame == NULL ? Py_NewRef(Py_None) : Py_NewRef((PyObject *)frame);
}

/* The slot of `code` in the address table, made on its first sight; NULL without an error
 * when the code is not traced (then *untraced is set), NULL with an error on failure. The
 * slot may move when Python code runs (the table grows): copy what is needed first. */
static Slot *slot_of(FastPath *self, PyObject *code, int *untraced) {
    Slot *slot = addr_find(&self->codes, code);
    if (slot != NULL) {
        return slot;
    }
    PyObject *key = PyLong_FromVoidPtr(code);
    if (key == NULL) {
        return NULL;
    }
    PyObject *entry = PyDict_GetItemWithError(self->entries, key);  /* borrowed */
    Py_XINCREF(entry);
    if (entry == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(key);
            return NULL;
        }
        PyObject *frame = frame_or_none();
        entry = PyObject_CallFunctionObjArgs(self->first_sight, code, frame, NULL);
        Py_DECREF(frame);
        if (entry == NULL) {
            Py_DECREF(key);
            return NULL;
        }
        if (entry == Py_None) {
            Py_DECREF(entry);
            Py_DECREF(key);
            *untraced = 1;
            return NULL;
        }
    }
    long kind = -1;
    long long left = -1;
    if (PyList_CheckExact(entry) && PyList_GET_SIZE(entry) > E_ID) {
        kind = PyLong_AsLong(PyList_GET_ITEM(entry, E_KIND));
        left = as_i64(PyList_GET_ITEM(entry, E_BUDGET));
    }
    if (kind < 0 || kind > KIND_COROUTINE || (left == -1 && PyErr_Occurred()) ||
        !PyAnySet_Check(PyList_GET_ITEM(entry, E_OPEN)) ||
        !PyLong_CheckExact(PyList_GET_ITEM(entry, E_ID))) {
        PyErr_Clear();
        PyErr_SetString(PyExc_TypeError, "a code-table entry must be a list of 8 items");
        Py_DECREF(entry);
        Py_DECREF(key);
        return NULL;
    }
    int failed = addr_put(&self->codes, code, entry, PyList_GET_ITEM(entry, E_ID));
    Py_DECREF(key);
    Py_DECREF(entry);
    if (failed) {
        return NULL;
    }
    slot = addr_find(&self->codes, code);
    Py_XSETREF(slot->budget, Py_NewRef(PyList_GET_ITEM(entry, E_BUDGET)));
    slot->left = left;
    slot->kind = (int)kind;
    Pending *total = pending_get(&self->totals, code, entry);  /* runs no Python code */
    if (total == NULL) {
        return NULL;
    }
    slot->total = total;
    return slot;
}

/* Count a call down the code's detail budget; returns what was left before it. */
static long long take_budget(FastPath *self, Slot *slot) {
    PyObject *entry = slot->value;
    PyObject *budget = PyList_GET_ITEM(entry, E_BUDGET);
    if (budget != slot->budget) {  /* written in Python since (by tests): start from it */
        long long left = as_i64(budget);
        if (!(left == -1 && PyErr_Occurred())) {
            slot->left = left;
        }
        PyErr_Clear();
        Py_SETREF(slot->budget, Py_NewRef(budget));
    }
    slot->budget_moved = 1;
    self->budgets_moved = 1;
    return slot->left--;
}

/* Whether calls past the detail budget are sampled now (see `sampling`). */
static int sampling(FastPath *self) {
    return !PyList_CheckExact(self->sampling) || PyList_GET_SIZE(self->sampling) == 0 ||
           PyList_GET_ITEM(self->sampling, 0) != Py_False;
}

/* Only looks: the entry of code already seen, else NULL (no error). */
static PyObject *known_entry(FastPath *self, PyObject *code) {
    Slot *slot = addr_find(&self->codes, code);
    return slot == NULL ? NULL : slot->value;
}

/* The top of the thread's stack: a C frame, else NULL (the top is in the Python stack). */
static TimedFrame *top_frame(Thread *thread) {
    return thread->depth > 0 ? &thread->frames[thread->depth - 1] : NULL;
}

/* Call a Python callback of the slow path after handing the thread's frames over. */
static PyObject *slow(Thread *thread, PyObject *callback, PyObject *code, PyObject *offset,
                      PyObject *arg) {
    if (hand_over(thread) < 0) {
        return NULL;
    }
    return PyObject_CallFunctionObjArgs(callback, code, offset, arg, NULL);
}

/* The node of a call of `entry`'s code under `parent`, made if new. New reference. */
static PyObject *node_under(FastPath *self, PyObject *parent, PyObject *entry, PyObject *cid) {
    Py_INCREF(parent);
    PyObject *node = PyDict_GetItemWithError(PyList_GET_ITEM(parent, N_CHILDREN), cid);
    if (node != NULL) {
        Py_INCREF(node);
    } else if (!PyErr_Occurred()) {
        node = PyObject_CallFunctionObjArgs(self->child, parent, entry, cid, NULL);
    }
    Py_DECREF(parent);
    if (node != NULL && (!PyList_CheckExact(node) || PyList_GET_SIZE(node) <= N_OWN ||
                         PyList_GET_ITEM(node, 2) != parent)) {
        Py_DECREF(node);
        PyErr_SetString(PyExc_TypeError, "a call-tree node must be a list under its parent");
        return NULL;
    }
    return node;
}

/* The plain-call case of hotpath's `start`, or the Python slow path. New reference. */
static PyObject *do_start(FastPath *self, PyObject *code, PyFrameObject *traced) {
    int untraced = 0;
    Slot *slot = slot_of(self, code, &untraced);
    if (slot == NULL) {
        return untraced ? Py_NewRef(self->untraced) : NULL;
    }
    PyObject *entry = slot->value, *cid = slot->cid;  /* borrowed: the table keeps them */
    int kind = slot->kind;
    Pending *total = slot->total;
    long long left = take_budget(self, slot);
    Thread *thread = thread_of(self);
    if (thread == NULL) {
        return NULL;
    }
    int detailed = left > 0 || (left % self->sample_every == 0 && sampling(self));
    /* Generators past the budget are timed here as plain calls are (their later stretches
     * by `do_resume` and `do_yield`); coroutines become records or are placed by Python. */
    if (detailed || kind == KIND_COROUTINE) {
        PyObject *stack = python_stack(self, thread);
        if (stack == NULL || hand_over(thread) < 0) {
            return NULL;
        }
        Py_INCREF(stack);
        PyObject *frame = traced != NULL ? Py_NewRef((PyObject *)traced) : frame_or_none();
        PyObject *r = PyObject_CallFunctionObjArgs(
            self->record_start, entry, code, thread->tid_key, stack, frame,
            detailed ? Py_True : Py_False, NULL);
        Py_DECREF(frame);
        Py_DECREF(stack);
        if (r == NULL) {
            return NULL;
        }
        Py_DECREF(r);
        Py_RETURN_NONE;
    }
    PyObject *parent;
    TimedFrame *top = top_frame(thread);
    if (top != NULL) {
        parent = top->node;
    } else {
        PyObject *stack = python_stack(self, thread);
        if (stack == NULL) {
            return NULL;
        }
        if (!well_formed(stack)) {
            return malformed();
        }
        parent = PyList_GET_ITEM(PyList_GET_ITEM(stack, PyList_GET_SIZE(stack) - 1), F_NODE);
    }
    PyObject *node;
    Pending *counts;
    Edge *edge = &self->edges[edge_index(parent, code)];
    if (edge->parent == parent && edge->code == code) {
        node = Py_NewRef(edge->node);
        counts = edge->pending;
        if (pending_mark(&self->nodes, counts) < 0) {
            Py_DECREF(node);
            return NULL;
        }
    } else {
        node = node_under(self, parent, entry, cid);
        counts = node == NULL ? NULL : pending_for(&self->nodes, node, node);
        if (counts == NULL) {
            Py_XDECREF(node);
            return NULL;
        }
        edge = &self->edges[edge_index(parent, code)];
        Py_XSETREF(edge->node, Py_NewRef(node));
        *edge = (Edge){parent, code, edge->node, counts};
    }
    int outermost = claim_outermost(thread, code, entry);
    if (outermost < 0) {
        Py_DECREF(node);
        return NULL;
    }
    counts->calls++;
    if (push_frame(thread, code, entry, kind, node, counts, total, NULL, outermost) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* A plain call's numbers, once it ended after `duration` (`child` of it in its callees):
 * its node's `numbers`, and its entry's `total` if it was the outermost. */
static int count_plain(FastPath *self, Pending *numbers, Pending *total, int outermost,
                       long long duration, long long child) {
    if (pending_mark(&self->nodes, numbers) < 0 || pending_push(numbers, duration) < 0) {
        return -1;
    }
    numbers->own += duration - child;
    if (outermost) {
        if (pending_mark(&self->totals, total) < 0) {
            return -1;
        }
        total->own += duration;
    }
    return 0;
}

/* Pop the Python stack's top frame `shadow` (depth `depth`) as list.pop() does, without its
 * generic slice path: the stack keeps its room. Its duration up to `t` goes into the caller's
 * child time; *duration and *child (its callees' time) are set. The caller gets the stack's
 * reference to the frame. -1 with an error set on failure. */
static int pop_stretch(PyObject *stack, Py_ssize_t depth, PyObject *shadow, long long t,
                       long long *duration, long long *child) {
    Py_SET_SIZE(stack, depth - 1);
    long long start = as_i64(PyList_GET_ITEM(shadow, F_START));
    *child = as_i64(PyList_GET_ITEM(shadow, F_CHILD));
    if (PyErr_Occurred()) {
        return -1;
    }
    *duration = t - start;
    if (!well_formed(stack)) {
        malformed();
        return -1;
    }
    return add_to_item(PyList_GET_ITEM(stack, depth - 2), F_CHILD, *duration);
}

/* The RETURN record of a recorded call without detail, as hotpath's `end` makes it:
 * `(RETURN, code, tid, t, NO_VALUE, None, child)`. */
static int record_return(FastPath *self, Thread *thread, PyObject *code, long long t,
                         long long child) {
    PyObject *when = from_i64(t), *inner = from_i64(child);
    PyObject *record = when == NULL || inner == NULL
                           ? NULL
                           : PyTuple_Pack(7, self->how_return, code, thread->tid_key, when,
                                          self->no_value, Py_None, inner);
    Py_XDECREF(when);
    Py_XDECREF(inner);
    int failed = record == NULL || PyList_Append(self->buffer, record) < 0;
    Py_XDECREF(record);
    return failed ? -1 : 0;
}

/* hotpath's `end` for a return, called with the thread's frames handed over. */
static PyObject *slow_end(FastPath *self, Thread *thread, PyObject *code, PyObject *offset,
                          PyObject *value, PyFrameObject *traced, long long t) {
    PyObject *stack = thread->stack;
    if (hand_over(thread) < 0) {
        return NULL;
    }
    PyObject *frame = traced != NULL ? Py_NewRef((PyObject *)traced) : frame_or_none();
    PyObject *when = from_i64(t);
    PyObject *r = NULL;
    if (when != NULL) {
        Py_INCREF(stack);
        r = PyObject_CallFunctionObjArgs(self->end, stack, code, thread->tid_key, when,
                                         self->how_return, value, frame, offset, NULL);
        Py_DECREF(stack);
        Py_DECREF(when);
    }
    Py_DECREF(frame);
    return r;
}

/* hotpath's `returned`: an unrecorded plain call ends here, anything else in `end`. */
static PyObject *do_return(FastPath *self, PyObject *code, PyObject *offset, PyObject *value,
                           PyFrameObject *traced) {
    long long t = now_ns();
    Thread *thread = thread_of(self);
    if (thread == NULL) {
        return NULL;
    }
    TimedFrame *top = top_frame(thread);
    if (top != NULL) {
        if (top->code != code || top->kind != KIND_PLAIN) {  /* a generator's end, or lost */
            return slow_end(self, thread, code, offset, value, traced, t);
        }
        long long duration;
        TimedFrame frame = pop_frame(thread, t, &duration);
        if (frame.outermost) {
            release_outermost(thread, code);
        }
        int failed = count_plain(self, frame.numbers, frame.total, frame.outermost, duration,
                                 frame.child);
        Py_DECREF(frame.node);
        return failed ? NULL : Py_NewRef(Py_None);
    }
    PyObject *stack = python_stack(self, thread);
    if (stack == NULL) {
        return NULL;
    }
    if (!well_formed(stack)) {
        return malformed();
    }
    if (settle_handed(thread, stack) < 0) {
        return NULL;
    }
    Py_ssize_t depth = PyList_GET_SIZE(stack);
    PyObject *shadow = PyList_GET_ITEM(stack, depth - 1);
    PyObject *entry = PyList_GET_ITEM(shadow, F_ENTRY);
    int recorded = PyObject_IsTrue(PyList_GET_ITEM(shadow, F_RECORDED));
    if (recorded < 0) {
        return NULL;
    }
    long kind = PyLong_AsLong(PyList_GET_ITEM(entry, E_KIND));
    if (kind == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /* A plain call ends here, unrecorded or recorded without detail (a caller promoted for
     * a callee's record: its RETURN holds no value); anything else is `end`'s. */
    if (depth < 2 || PyList_GET_ITEM(entry, E_CODE) != code || kind != KIND_PLAIN ||
        (recorded && (PyList_GET_ITEM(shadow, F_DETAILED) != Py_False || self->buffer == Py_None))) {
        return slow_end(self, thread, code, offset, value, traced, t);
    }
    PyObject *node = PyList_GET_ITEM(shadow, F_NODE);
    Pending *numbers = pending_get(&self->nodes, node, node);
    Pending *total = numbers == NULL ? NULL : pending_get(&self->totals, code, entry);
    if (total == NULL) {
        return NULL;
    }
    Py_INCREF(stack);
    Py_INCREF(entry);
    long long duration, child;
    int outermost = PyList_GET_ITEM(shadow, F_OUTERMOST) == Py_True;
    int failed = pop_stretch(stack, depth, shadow, t, &duration, &child) < 0 ||
                 (outermost && PySet_Discard(PyList_GET_ITEM(entry, E_OPEN), thread->tid_key) < 0) ||
                 count_plain(self, numbers, total, outermost, duration, child) < 0 ||
                 (recorded && record_return(self, thread, code, t, child) < 0);
    Py_DECREF(shadow);  /* the stack's reference */
    Py_DECREF(entry);
    Py_DECREF(stack);
    return failed ? NULL : Py_NewRef(Py_None);
}

/* The key of a generator's frame in `generators`: id(frame), as hotpath's callbacks make it.
 * `traced` is the settrace frame; NULL in a sys.monitoring callback, where the running frame
 * is the generator's. New reference, or NULL (an error set, or none: no frame). */
static PyObject *generator_key(PyFrameObject *traced) {
    PyFrameObject *frame = traced != NULL ? traced : PyEval_GetFrame();
    return frame == NULL ? NULL : PyLong_FromVoidPtr(frame);
}

/* Keep the time of a timed generator's stretch that ended (`duration`, `child` of it in its
 * callees) in `generators`: added to its call's under `mark`, a later stretch's frame key;
 * else (`mark` not an int: its first stretch) under its frame's key, as a new entry. */
static int keep_stretch(FastPath *self, PyObject *mark, PyFrameObject *traced, PyObject *node,
                        int outermost, long long duration, long long child) {
    PyObject *suspended = NULL;  /* borrowed */
    PyObject *key;
    if (mark != NULL && PyLong_CheckExact(mark)) {
        key = Py_NewRef(mark);
        suspended = PyDict_GetItemWithError(self->generators, key);
        if (suspended == NULL && PyErr_Occurred()) {
            Py_DECREF(key);
            return -1;
        }
    } else if ((key = generator_key(traced)) == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    int failed;
    if (suspended != NULL && PyList_CheckExact(suspended) && PyList_GET_SIZE(suspended) == G_SIZE) {
        Py_INCREF(suspended);
        failed = add_to_item(suspended, G_SPENT, duration) < 0 ||
                 add_to_item(suspended, G_CHILD, child) < 0;
        Py_DECREF(suspended);
    } else {  /* its first stretch: a new entry (replacing a closed generator's) */
        PyObject *spent = from_i64(duration), *inner = from_i64(child);
        PyObject *made = spent == NULL || inner == NULL ? NULL : PyList_New(G_SIZE);
        if (made == NULL) {
            Py_XDECREF(spent);
            Py_XDECREF(inner);
            Py_DECREF(key);
            return -1;
        }
        PyList_SET_ITEM(made, G_NODE, Py_NewRef(node));
        PyList_SET_ITEM(made, G_SPENT, spent);
        PyList_SET_ITEM(made, G_CHILD, inner);
        PyList_SET_ITEM(made, G_OUTERMOST, Py_NewRef(outermost ? Py_True : Py_False));
        PyList_SET_ITEM(made, G_RECORDED, Py_NewRef(Py_None));
        failed = PyDict_SetItem(self->generators, key, made) < 0;
        Py_DECREF(made);
    }
    Py_DECREF(key);
    return failed ? -1 : 0;
}

/* hotpath's `yielded` for a stretch of a generator timed here (its call goes on, its time is
 * kept in `generators`); any other yield goes to the Python callback, which records it. */
static PyObject *do_yield(FastPath *self, PyObject *code, PyObject *offset, PyObject *value,
                          PyFrameObject *traced) {
    long long t = now_ns();
    Thread *thread = thread_of(self);
    if (thread == NULL) {
        return NULL;
    }
    int timed_here = PyDict_CheckExact(self->generators);
    TimedFrame *top = top_frame(thread);
    if (top != NULL) {
        if (top->code != code || !timed_here) {
            return slow(thread, self->yielded, code, offset, value);
        }
        long long duration;
        TimedFrame frame = pop_frame(thread, t, &duration);
        if (frame.outermost) {
            release_outermost(thread, code);
        }
        int failed = keep_stretch(self, frame.key, traced, frame.node, frame.outermost,
                                        duration, frame.child) < 0;
        Py_DECREF(frame.node);
        Py_XDECREF(frame.key);
        return failed ? NULL : Py_NewRef(Py_None);
    }
    PyObject *stack = python_stack(self, thread);
    if (stack == NULL) {
        return NULL;
    }
    if (!well_formed(stack)) {
        return malformed();
    }
    if (settle_handed(thread, stack) < 0) {
        return NULL;
    }
    Py_ssize_t depth = PyList_GET_SIZE(stack);
    PyObject *shadow = PyList_GET_ITEM(stack, depth - 1);
    PyObject *entry = PyList_GET_ITEM(shadow, F_ENTRY);
    int recorded = PyObject_IsTrue(PyList_GET_ITEM(shadow, F_RECORDED));
    if (recorded < 0) {
        return NULL;
    }
    if (recorded || depth < 2 || PyList_GET_ITEM(entry, E_CODE) != code || !timed_here) {
        return PyObject_CallFunctionObjArgs(self->yielded, code, offset, value, NULL);
    }
    Py_INCREF(stack);
    Py_INCREF(entry);
    long long duration, child;
    int failed = pop_stretch(stack, depth, shadow, t, &duration, &child) < 0;
    int outermost = PyList_GET_ITEM(shadow, F_OUTERMOST) == Py_True;
    failed = failed ||
             (outermost && PySet_Discard(PyList_GET_ITEM(entry, E_OPEN), thread->tid_key) < 0);
    failed = failed || keep_stretch(self, PyList_GET_ITEM(shadow, F_DETAILED), traced,
                                    PyList_GET_ITEM(shadow, F_NODE), outermost, duration,
                                    child) < 0;
    Py_DECREF(shadow);
    Py_DECREF(entry);
    Py_DECREF(stack);
    return failed ? NULL : Py_NewRef(Py_None);
}

/* hotpath's `resumed` for a generator timed here: a new stretch on the thread's stack, marked
 * later (its frame key where `detailed` is; a quiet stretch of a recorded call is never
 * outermost); any other resumption goes to the Python callback. */
static PyObject *do_resume(FastPath *self, PyObject *code, PyObject *offset,
                           PyFrameObject *traced) {
    Thread *thread = thread_of(self);
    if (thread == NULL) {
        return NULL;
    }
    Slot *slot = addr_find(&self->codes, code);
    if (slot == NULL || !PyDict_CheckExact(self->generators)) {
        return slow(thread, self->resumed, code, offset, NULL);
    }
    PyObject *entry = slot->value;
    int kind = slot->kind;
    Pending *slot_total = slot->total;
    PyObject *key = generator_key(traced);
    if (key == NULL) {
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    }
    PyObject *suspended = PyDict_GetItemWithError(self->generators, key);  /* borrowed */
    if (suspended == NULL) {
        Py_DECREF(key);
        return PyErr_Occurred() ? NULL : slow(thread, self->resumed, code, offset, NULL);
    }
    if (!PyList_CheckExact(suspended) || PyList_GET_SIZE(suspended) != G_SIZE) {
        Py_DECREF(key);
        return malformed();
    }
    int quiet = PyList_GET_ITEM(suspended, G_RECORDED) != Py_None;
    PyObject *node = Py_NewRef(PyList_GET_ITEM(suspended, G_NODE));
    int outermost = 0;  /* a quiet stretch's is not: its call is a recorded one */
    if (thread->depth == 0 && python_stack(self, thread) == NULL) {
        outermost = -1;
    } else if (!quiet) {
        outermost = claim_outermost(thread, code, entry);
    }
    if (outermost < 0) {
        Py_DECREF(node);
        Py_DECREF(key);
        return NULL;
    }
    if (push_frame(thread, code, entry, kind, node, NULL, slot_total, key, outermost) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* hotpath's `raised`, `unwound` and `thrown`: nothing for code that is not traced (the
 * exception events are global), else the Python callback, with the frames handed over. */
static PyObject *do_exception_event(FastPath *self, PyObject *callback, PyObject *code,
                                    PyObject *offset, PyObject *exc) {
    Slot *slot = addr_find(&self->codes, code);
    if (slot == NULL) {
        Py_RETURN_NONE;
    }
    Thread *thread = thread_of(self);
    if (thread == NULL) {
        return NULL;
    }
    TimedFrame *top = top_frame(thread);
    if (callback == self->raised && top != NULL && top->entry != slot->value) {
        Py_RETURN_NONE;  /* raised in a call that began before tracing: as `raised` does */
    }
    return slow(thread, callback, code, offset, exc);
}

/* -- sys.monitoring callbacks ------------------------------------------------------------ */

/* Every way in holds a reference to `self` while it runs: the interpreter calls a callback
 * without one, and the Python code the slow path runs can switch threads to one that stops
 * tracing and unregisters the callbacks, which would free `self` under the running call. */

/* Whether a callback got `expected` arguments; else a TypeError naming its `signature`. */
static int arity(Py_ssize_t nargs, Py_ssize_t expected, const char *signature) {
    if (nargs == expected) {
        return 1;
    }
    PyErr_SetString(PyExc_TypeError, signature);
    return 0;
}

/* The result of a call made while holding `self` (see above), letting go of it. */
static PyObject *released(FastPath *self, PyObject *result) {
    Py_DECREF(self);
    return result;
}

#define HOLDING(self, call) (Py_INCREF(self), released((self), (call)))

static PyObject *FastPath_start(FastPath *self, PyObject *const *args, Py_ssize_t nargs) {
    if (!arity(nargs, 2, "start(code, offset)")) {
        return NULL;
    }
    return HOLDING(self, do_start(self, args[0], NULL));
}

static PyObject *FastPath_returned(FastPath *self, PyObject *const *args, Py_ssize_t nargs) {
    if (!arity(nargs, 3, "returned(code, offset, value)")) {
        return NULL;
    }
    return HOLDING(self, do_return(self, args[0], args[1], args[2], NULL));
}

static PyObject *FastPath_yielded(FastPath *self, PyObject *const *args, Py_ssize_t nargs) {
    if (!arity(nargs, 3, "yielded(code, offset, value)")) {
        return NULL;
    }
    return HOLDING(self, do_yield(self, args[0], args[1], args[2], NULL));
}

static PyObject *FastPath_resumed(FastPath *self, PyObject *const *args, Py_ssize_t nargs) {
    if (!arity(nargs, 2, "resumed(code, offset)")) {
        return NULL;
    }
    return HOLDING(self, do_resume(self, args[0], args[1], NULL));
}

static PyObject *FastPath_raised(FastPath *self, PyObject *const *args, Py_ssize_t nargs) {
    if (!arity(nargs, 3, "raised(code, offset, exc)")) {
        return NULL;
    }
    return HOLDING(self, do_exception_event(self, self->raised, args[0], args[1], args[2]));
}

static PyObject *FastPath_unwound(FastPath *self, PyObject *const *args, Py_ssize_t nargs) {
    if (!arity(nargs, 3, "unwound(code, offset, exc)")) {
        return NULL;
    }
    return HOLDING(self, do_exception_event(self, self->unwound, args[0], args[1], args[2]));
}

static PyObject *FastPath_thrown(FastPath *self, PyObject *const *args, Py_ssize_t nargs) {
    if (!arity(nargs, 3, "thrown(code, offset, exc)")) {
        return NULL;
    }
    return HOLDING(self, do_exception_event(self, self->thrown, args[0], args[1], args[2]));
}

/* For `HotPath`, before it reads or replaces the running thread's stack: its C frames are
 * handed over, and the stack is read again at the next event. */
static PyObject *FastPath_hand_over(FastPath *self, PyObject *Py_UNUSED(ignored)) {
    Thread *thread = thread_of(self);
    if (thread == NULL) {
        return NULL;
    }
    int failed = hand_over(thread) < 0;
    Py_CLEAR(thread->stack);
    if (failed) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* -- the settrace trace function --------------------------------------------------------- */

static int frame_offset(PyFrameObject *frame) {
#if PY_VERSION_HEX >= 0x030B0000
    return PyFrame_GetLasti(frame);
#else
    return frame->f_lasti < 0 ? -1 : frame->f_lasti * (int)sizeof(_Py_CODEUNIT);
#endif
}

/* What a `return` event (low bits) or a `call` event (RESUMES) at `offset` means, from the
 * entry's exit kinds (settrace.exit_kinds, in the entry's backend-data slot). */
static int exit_kind(PyObject *entry, int offset) {
    PyObject *kinds = PyList_GET_ITEM(entry, E_DATA);
    if (offset < 0 || !PyBytes_Check(kinds) || offset >= PyBytes_GET_SIZE(kinds)) {
        return 0;
    }
    return (unsigned char)PyBytes_AS_STRING(kinds)[offset];
}

static int resumes(PyObject *entry, int offset) {
#if PY_VERSION_HEX >= 0x030B0000
    return offset >= 0 && (exit_kind(entry, offset) & RESUMES);
#else
    (void)entry;
    return offset >= 0;
#endif
}

/* A callback's result as a trace function's status: 0, or -1 with the error set. */
static int status_of(PyObject *result) {
    Py_XDECREF(result);
    return result == NULL ? -1 : 0;
}

static int on_call(FastPath *self, PyFrameObject *frame, PyObject *code) {
    if (addr_find(&self->skipped, code) != NULL) {
        return 0;
    }
    int offset = frame_offset(frame);
    PyObject *entry = known_entry(self, code);
    if (entry != NULL && PyObject_IsTrue(PyList_GET_ITEM(entry, E_KIND)) == 1 && resumes(entry, offset)) {
        PyObject *where = PyLong_FromLong(offset);
        PyObject *r = where == NULL ? NULL : do_resume(self, code, where, frame);
        Py_XDECREF(where);
        return status_of(r);
    }
    PyObject *r = do_start(self, code, frame);
    if (r == NULL) {
        return -1;
    }
    int untraced = r == self->untraced;
    Py_DECREF(r);
    if (untraced) {
        if (self->skipped.used > UNTRACED_LIMIT) {
            addr_clear(&self->skipped);  /* programs that make code on the fly */
        }
        return addr_put(&self->skipped, code, code, NULL);
    }
    return 0;
}

static int on_return(FastPath *self, PyFrameObject *frame, PyObject *code, PyObject *arg) {
    PyObject *entry = known_entry(self, code);
    if (entry == NULL) {
        return 0;  /* not traced */
    }
    int offset = frame_offset(frame);
    int kind = exit_kind(entry, offset) & 3;
    int plain = PyObject_Not(PyList_GET_ITEM(entry, E_KIND));
    PyObject *where = plain < 0 ? NULL : PyLong_FromLong(offset);
    if (where == NULL) {
        return -1;
    }
    PyObject *value = arg != NULL ? arg : Py_None, *r;
    if (kind == RETURNS) {
        r = do_return(self, code, where, value, frame);
    } else if (kind == YIELDS && !plain) {
        r = do_yield(self, code, where, value, frame);
    } else {
        r = do_exception_event(self, self->unwound, code, where, Py_None);
    }
    Py_DECREF(where);
    return status_of(r);
}

static int on_exception(FastPath *self, PyFrameObject *frame, PyObject *code, PyObject *arg) {
    if (!PyTuple_Check(arg) || PyTuple_GET_SIZE(arg) < 2) {
        return 0;
    }
    PyObject *where = PyLong_FromLong(frame_offset(frame));
    if (where == NULL) {
        return -1;
    }
    PyObject *r = do_exception_event(self, self->raised, code, where, PyTuple_GET_ITEM(arg, 1));
    Py_DECREF(where);
    return status_of(r);
}

static int traced_event(FastPath *self, PyFrameObject *frame, int what, PyObject *arg);

static PyObject *trace_lines_name;  /* "f_trace_lines", interned */

/* Ask for no line events in this frame: a C trace function is called for every line of
 * every frame that wants them (all do, by default), which would cost a call per line. */
static int quiet_lines(PyFrameObject *frame) {
#if PY_VERSION_HEX < 0x030B0000
    frame->f_trace_lines = 0;
    return 0;
#else
    return PyObject_SetAttr((PyObject *)frame, trace_lines_name, Py_False);
#endif
}

static int trace(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg) {
    FastPath *self = (FastPath *)obj;
    if (!self->active) {
        PyEval_SetTrace(NULL, NULL);  /* stopped while this thread still had the hook */
        return 0;
    }
    if (what != PyTrace_CALL && what != PyTrace_RETURN && what != PyTrace_EXCEPTION) {
        return 0;
    }
    if (what == PyTrace_CALL && quiet_lines(frame) < 0) {
        return -1;
    }
    Py_INCREF(self);  /* see FastPath_start */
    int status = traced_event(self, frame, what, arg);
    Py_DECREF(self);
    return status;
}

static int traced_event(FastPath *self, PyFrameObject *frame, int what, PyObject *arg) {
    PyObject *code = (PyObject *)PyFrame_GetCode(frame);
    int status;
    if (what == PyTrace_CALL) {
        status = on_call(self, frame, code);
    } else if (what == PyTrace_RETURN) {
        status = on_return(self, frame, code, arg);
    } else {
        status = on_exception(self, frame, code, arg);
    }
    Py_DECREF(code);
    return status;
}

static PyObject *FastPath_install(FastPath *self, PyObject *Py_UNUSED(ignored)) {
    self->active = 1;
    PyEval_SetTrace(trace, (PyObject *)self);
    Py_RETURN_NONE;
}

static PyObject *FastPath_install_all(FastPath *self, PyObject *Py_UNUSED(ignored)) {
#if PY_VERSION_HEX >= 0x030C0000
    self->active = 1;
    PyEval_SetTraceAllThreads(trace, (PyObject *)self);
    Py_RETURN_NONE;
#else
    PyErr_SetString(PyExc_RuntimeError, "PyEval_SetTraceAllThreads needs Python 3.12");
    return NULL;
#endif
}

/* threading.settrace's hook on <3.12: hook the new thread in C and handle its first call. */
static PyObject *FastPath_install_here(FastPath *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyFrame_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "install_here(frame, event, arg)");
        return NULL;
    }
    if (!self->active) {
        Py_RETURN_NONE;
    }
    PyEval_SetTrace(trace, (PyObject *)self);
    if (trace((PyObject *)self, (PyFrameObject *)args[0], PyTrace_CALL, Py_None) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *FastPath_uninstall(FastPath *self, PyObject *Py_UNUSED(ignored)) {
    self->active = 0;
#if PY_VERSION_HEX >= 0x030C0000
    PyEval_SetTraceAllThreads(NULL, NULL);
#else
    PyEval_SetTrace(NULL, NULL);
#endif
    Py_RETURN_NONE;
}

/* -- settling: the pending numbers written into the nodes and entries -------------------- */

typedef struct {
    PyObject *target;
    long long calls, own;
    long long *durations;
    Py_ssize_t count;
} Taken;

/* Take every dirty slot's numbers out of `table` (emptying them) before any Python object is
 * touched: a thread switch while they are written lets the program's threads add new ones. */
static Taken *take_pending(PendingTable *table, Py_ssize_t *taken_count) {
    Py_ssize_t count = table->dirty_count;
    *taken_count = count;
    if (count == 0) {
        return NULL;
    }
    Taken *taken = PyMem_Calloc((size_t)count, sizeof(Taken));
    if (taken == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        Pending *slot = table->dirty[i];
        taken[i] = (Taken){Py_NewRef(slot->target), slot->calls, slot->own, slot->durations,
                           slot->count};
        slot->durations = NULL;
        slot->count = slot->capacity = 0;
        slot->calls = slot->own = 0;
        slot->dirty = 0;
    }
    table->dirty_count = 0;
    return taken;
}

static int append_durations(PyObject *list, const long long *durations, Py_ssize_t count) {
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *value = from_i64(durations[i]);
        if (value == NULL || PyList_Append(list, value) < 0) {
            Py_XDECREF(value);
            return -1;
        }
        Py_DECREF(value);
    }
    return 0;
}

/* Write taken numbers into their nodes (`of_nodes`) or entries; frees `taken`. */
static int write_taken(Taken *taken, Py_ssize_t count, int of_nodes) {
    int failed = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        Taken *t = &taken[i];
        if (!failed && of_nodes && t->calls) {
            failed = add_to_item(t->target, N_CALLS, t->calls) < 0;
        }
        if (!failed && t->count) {
            failed = append_durations(PyList_GET_ITEM(t->target, N_DURATIONS), t->durations,
                                      t->count) < 0;
        }
        if (!failed && t->own) {
            failed = add_to_item(t->target, of_nodes ? N_OWN : E_TOTAL, t->own) < 0;
        }
        PyMem_Free(t->durations);
        Py_DECREF(t->target);
    }
    PyMem_Free(taken);
    return failed ? -1 : 0;
}

/* Write the budgets counted down here into their entries (each write makes no Python code
 * run: the table cannot change meanwhile). */
static int write_budgets(FastPath *self) {
    if (!self->budgets_moved) {
        return 0;
    }
    self->budgets_moved = 0;
    for (size_t j = 0; self->codes.slots != NULL && j <= self->codes.mask; j++) {
        Slot *slot = &self->codes.slots[j];
        if (slot->key == NULL || !slot->budget_moved) {
            continue;
        }
        PyObject *budget = from_i64(slot->left);
        if (budget == NULL) {
            return -1;
        }
        slot->budget_moved = 0;
        Py_SETREF(slot->budget, Py_NewRef(budget));
        PyList_SetItem(slot->value, E_BUDGET, budget);  /* an exact list, in range */
    }
    return 0;
}

static PyObject *FastPath_settle(FastPath *self, PyObject *Py_UNUSED(ignored)) {
    if (write_budgets(self) < 0) {
        return NULL;
    }
    Py_ssize_t nodes_count, totals_count;
    Taken *nodes = take_pending(&self->nodes, &nodes_count);
    if (nodes == NULL && nodes_count) {
        return NULL;
    }
    Taken *totals = take_pending(&self->totals, &totals_count);
    if (totals == NULL && totals_count) {
        write_taken(nodes, nodes_count, 1);
        return NULL;
    }
    int failed = nodes_count && write_taken(nodes, nodes_count, 1) < 0;
    failed = (totals_count && write_taken(totals, totals_count, 0) < 0) || failed;
    if (failed) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* -- the type ---------------------------------------------------------------------------- */

static char *init_names[] = {
    "entries", "stacks", "first_sight", "untraced", "new_stack", "child", "record_start",
    "end", "how_return", "sample_every", "resumed", "yielded", "raised", "unwound", "thrown",
    "generators", "buffer", "no_value", "sampling", NULL};

static int FastPath_init(FastPath *self, PyObject *args, PyObject *kwargs) {
    PyObject *entries, *stacks, *first_sight, *untraced, *new_stack, *child, *record_start;
    PyObject *end, *how_return, *resumed = Py_None, *yielded = Py_None, *raised = Py_None;
    PyObject *unwound = Py_None, *thrown = Py_None, *generators = Py_None;
    PyObject *buffer = Py_None, *no_value = Py_None, *sampling = Py_None;
    long long sample_every;
    if (!PyArg_ParseTupleAndKeywords(
            args, kwargs, "O!O!OOOOOOOL|OOOOOOOOO", init_names, &PyDict_Type, &entries,
            &PyDict_Type, &stacks, &first_sight, &untraced, &new_stack, &child, &record_start,
            &end, &how_return, &sample_every, &resumed, &yielded, &raised, &unwound, &thrown,
            &generators, &buffer, &no_value, &sampling)) {
        return -1;
    }
    if (buffer != Py_None && !PyList_CheckExact(buffer)) {
        PyErr_SetString(PyExc_TypeError, "buffer must be a list");
        return -1;
    }
    if (sample_every <= 0) {
        PyErr_SetString(PyExc_ValueError, "sample_every must be positive");
        return -1;
    }
    Py_XSETREF(self->entries, Py_NewRef(entries));
    Py_XSETREF(self->stacks, Py_NewRef(stacks));
    Py_XSETREF(self->first_sight, Py_NewRef(first_sight));
    Py_XSETREF(self->untraced, Py_NewRef(untraced));
    Py_XSETREF(self->new_stack, Py_NewRef(new_stack));
    Py_XSETREF(self->child, Py_NewRef(child));
    Py_XSETREF(self->record_start, Py_NewRef(record_start));
    Py_XSETREF(self->end, Py_NewRef(end));
    Py_XSETREF(self->how_return, Py_NewRef(how_return));
    Py_XSETREF(self->resumed, Py_NewRef(resumed));
    Py_XSETREF(self->yielded, Py_NewRef(yielded));
    Py_XSETREF(self->raised, Py_NewRef(raised));
    Py_XSETREF(self->unwound, Py_NewRef(unwound));
    Py_XSETREF(self->thrown, Py_NewRef(thrown));
    Py_XSETREF(self->buffer, Py_NewRef(buffer));
    Py_XSETREF(self->no_value, Py_NewRef(no_value));
    Py_XSETREF(self->sampling, Py_NewRef(sampling));
    Py_XSETREF(self->generators, Py_NewRef(generators));
    self->sample_every = sample_every;
    self->active = 0;
    if (self->edges == NULL && (self->edges = PyMem_Calloc(EDGES, sizeof(Edge))) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static int FastPath_traverse(FastPath *self, visitproc visit, void *arg) {
    Py_VISIT(self->entries);
    Py_VISIT(self->stacks);
    Py_VISIT(self->first_sight);
    Py_VISIT(self->untraced);
    Py_VISIT(self->new_stack);
    Py_VISIT(self->child);
    Py_VISIT(self->record_start);
    Py_VISIT(self->end);
    Py_VISIT(self->how_return);
    Py_VISIT(self->resumed);
    Py_VISIT(self->yielded);
    Py_VISIT(self->raised);
    Py_VISIT(self->unwound);
    Py_VISIT(self->thrown);
    Py_VISIT(self->buffer);
    Py_VISIT(self->no_value);
    Py_VISIT(self->sampling);
    Py_VISIT(self->generators);
    for (size_t j = 0; self->threads != NULL && j <= self->threads_mask; j++) {
        Thread *thread = self->threads[j].thread;
        if (thread == NULL) {
            continue;
        }
        Py_VISIT(thread->stack);
        for (Py_ssize_t i = 0; i < thread->depth; i++) {
            Py_VISIT(thread->frames[i].node);
        }
    }
    for (size_t j = 0; self->edges != NULL && j < EDGES; j++) {
        Py_VISIT(self->edges[j].node);
    }
    if (pending_traverse(&self->nodes, visit, arg) || pending_traverse(&self->totals, visit, arg)) {
        return -1;
    }
    return addr_traverse(&self->codes, visit, arg);
}

static void clear_threads(FastPath *self) {
    ThreadSlot *threads = self->threads;
    size_t capacity = threads == NULL ? 0 : self->threads_mask + 1;
    self->threads = NULL;
    self->threads_mask = self->threads_used = 0;
    self->last = NULL;
    for (size_t j = 0; j < capacity; j++) {
        Thread *thread = threads[j].thread;
        if (thread == NULL) {
            continue;
        }
        for (Py_ssize_t i = 0; i < thread->depth; i++) {
            Py_CLEAR(thread->frames[i].node);
            Py_CLEAR(thread->frames[i].key);
        }
        PyMem_Free(thread->frames);
        PyMem_Free(thread->held);
        Py_CLEAR(thread->stack);
        Py_CLEAR(thread->tid_key);
        PyMem_Free(thread);
    }
    PyMem_Free(threads);
}

static int FastPath_clear(FastPath *self) {
    Py_CLEAR(self->entries);
    Py_CLEAR(self->stacks);
    Py_CLEAR(self->first_sight);
    Py_CLEAR(self->untraced);
    Py_CLEAR(self->new_stack);
    Py_CLEAR(self->child);
    Py_CLEAR(self->record_start);
    Py_CLEAR(self->end);
    Py_CLEAR(self->how_return);
    Py_CLEAR(self->resumed);
    Py_CLEAR(self->yielded);
    Py_CLEAR(self->raised);
    Py_CLEAR(self->unwound);
    Py_CLEAR(self->thrown);
    Py_CLEAR(self->buffer);
    Py_CLEAR(self->no_value);
    Py_CLEAR(self->sampling);
    Py_CLEAR(self->generators);
    clear_threads(self);
    Edge *edges = self->edges;
    self->edges = NULL;
    for (size_t j = 0; edges != NULL && j < EDGES; j++) {
        Py_CLEAR(edges[j].node);
    }
    PyMem_Free(edges);
    addr_clear(&self->codes);
    addr_clear(&self->skipped);
    pending_clear(&self->nodes);
    pending_clear(&self->totals);
    return 0;
}

static void FastPath_dealloc(FastPath *self) {
    PyObject_GC_UnTrack(self);
    FastPath_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *FastPath_known(FastPath *self, PyObject *Py_UNUSED(ignored)) {
    return PyLong_FromSize_t(self->codes.used);
}

static PyMethodDef FastPath_methods[] = {
    {"start", (PyCFunction)(void (*)(void))FastPath_start, METH_FASTCALL,
     "sys.monitoring's PY_START callback: start(code, offset)."},
    {"returned", (PyCFunction)(void (*)(void))FastPath_returned, METH_FASTCALL,
     "sys.monitoring's PY_RETURN callback: returned(code, offset, value)."},
    {"yielded", (PyCFunction)(void (*)(void))FastPath_yielded, METH_FASTCALL,
     "sys.monitoring's PY_YIELD callback: yielded(code, offset, value)."},
    {"resumed", (PyCFunction)(void (*)(void))FastPath_resumed, METH_FASTCALL,
     "sys.monitoring's PY_RESUME callback: resumed(code, offset)."},
    {"raised", (PyCFunction)(void (*)(void))FastPath_raised, METH_FASTCALL,
     "sys.monitoring's RAISE callback: raised(code, offset, exc)."},
    {"unwound", (PyCFunction)(void (*)(void))FastPath_unwound, METH_FASTCALL,
     "sys.monitoring's PY_UNWIND callback: unwound(code, offset, exc)."},
    {"thrown", (PyCFunction)(void (*)(void))FastPath_thrown, METH_FASTCALL,
     "sys.monitoring's PY_THROW callback: thrown(code, offset, exc)."},
    {"hand_over", (PyCFunction)FastPath_hand_over, METH_NOARGS,
     "Hand the running thread's C frames over to its Python shadow stack."},
    {"install", (PyCFunction)FastPath_install, METH_NOARGS,
     "Trace the current thread with the C trace function."},
    {"install_all", (PyCFunction)FastPath_install_all, METH_NOARGS,
     "Trace every thread with the C trace function (Python 3.12+)."},
    {"install_here", (PyCFunction)(void (*)(void))FastPath_install_here, METH_FASTCALL,
     "A hook for threading.settrace: trace the new thread in C from its first call."},
    {"uninstall", (PyCFunction)FastPath_uninstall, METH_NOARGS,
     "Stop tracing: here at once, in other threads at their next event."},
    {"settle", (PyCFunction)FastPath_settle, METH_NOARGS,
     "Write the numbers and budgets kept here into the nodes and entries (read them after)."},
    {"known_codes", (PyCFunction)FastPath_known, METH_NOARGS,
     "How many traced code objects the address table holds."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject FastPathType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "debugflow.tracer._hotpath.FastPath",
    .tp_doc = "The hot path's plain-call work in C, over hotpath.HotPath's own lists and dicts.",
    .tp_basicsize = sizeof(FastPath),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)FastPath_init,
    .tp_dealloc = (destructor)FastPath_dealloc,
    .tp_traverse = (traverseproc)FastPath_traverse,
    .tp_clear = (inquiry)FastPath_clear,
    .tp_methods = FastPath_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "debugflow.tracer._hotpath",
    .m_doc = "The compiled core of the tracer's hot path (see debugflow.tracer.hotpath).",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__hotpath(void) {
    if (PyType_Ready(&FastPathType) < 0) {
        return NULL;
    }
    if (trace_lines_name == NULL &&
        (trace_lines_name = PyUnicode_InternFromString("f_trace_lines")) == NULL) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "FastPath", (PyObject *)&FastPathType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
