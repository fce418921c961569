/* The compiled core of the hot path (see hotpath.py): the per-call work of plain calls in C.
 *
 * `hotpath.HotPath` keeps its state in plain Python lists and dicts (code-table entries,
 * call-tree nodes, shadow frames, shadow stacks by thread id) that the collector reads. This
 * module works on exactly those objects, so the Python hot path and this one cannot disagree
 * about a shape: it does the common case of `start` and `returned` (a plain call past its
 * detail budget: find the node, count, push a shadow frame, time it, pop) without running
 * any Python code, and calls the Python slow path (`record_start`, `end` and the other
 * callbacks) for everything that becomes a record. The numbers of plain calls (a node's
 * calls, durations and own time, an entry's outermost total) are kept in C tables meanwhile
 * and written into those lists by `settle()`, which `NodeTable.settle` is bound to: adding to
 * a list item makes a Python int per call, about a third of what a call cost here.
 *
 * Two ways in:
 *   - `FastPath.start` / `FastPath.returned`: `sys.monitoring` callbacks (PY_START,
 *     PY_RETURN) the monitoring backend registers instead of the Python ones;
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
enum { E_CODE = 0, E_KIND = 1, E_BUDGET = 3, E_DATA = 4, E_TOTAL = 5, E_OPEN = 6 };
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
#define SPARE_FRAMES 64

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

/* An open-addressing table keyed by an object's address: code -> (entry, id(code)). */
typedef struct {
    void *key;
    PyObject *value;  /* strong */
    PyObject *cid;    /* strong: id(code) as an int, the key of the Python dicts */
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

static Slot *addr_find(AddrTable *table, void *key) {
    if (table->slots == NULL) {
        return NULL;
    }
    size_t i = addr_hash(key) & table->mask;
    for (;;) {
        Slot *slot = &table->slots[i];
        if (slot->key == key) {
            return slot;
        }
        if (slot->key == NULL) {
            return NULL;
        }
        i = (i + 1) & table->mask;
    }
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
 * adding to a list item makes. Keyed by the node's (or the code's) address. */
typedef struct {
    void *key;            /* the node, or the code object */
    PyObject *target;     /* strong: the node list, or the entry list */
    long long calls;      /* nodes: calls started */
    long long own;        /* nodes: own time; entries: outermost total */
    long long *durations; /* nodes: durations of ended calls, in the order they ended */
    Py_ssize_t count, capacity;
    int dirty;
} Pending;

typedef struct {
    Pending *slots;
    size_t mask;
    size_t used;
    void **dirty;         /* keys of the slots with numbers to settle */
    Py_ssize_t dirty_count, dirty_capacity;
} PendingTable;

static Pending *pending_find(PendingTable *table, void *key) {
    if (table->slots == NULL) {
        return NULL;
    }
    size_t i = addr_hash(key) & table->mask;
    for (;;) {
        Pending *slot = &table->slots[i];
        if (slot->key == key || slot->key == NULL) {
            return slot->key == key ? slot : NULL;
        }
        i = (i + 1) & table->mask;
    }
}

static int pending_grow(PendingTable *table) {
    return grow_slots((void **)&table->slots, &table->mask, sizeof(Pending));
}

/* The pending numbers of `key` (made for `target` if new), marked to be settled. Runs no
 * Python code: nothing can change the table while a caller holds the returned pointer. */
static Pending *pending_for(PendingTable *table, void *key, PyObject *target) {
    Pending *slot = pending_find(table, key);
    if (slot == NULL) {
        if ((table->used + 1) * 2 > (table->slots == NULL ? 0 : table->mask + 1) &&
            pending_grow(table) < 0) {
            return NULL;
        }
        size_t i = addr_hash(key) & table->mask;
        while (table->slots[i].key != NULL) {
            i = (i + 1) & table->mask;
        }
        slot = &table->slots[i];
        slot->key = key;
        slot->target = Py_NewRef(target);
        table->used++;
    }
    if (!slot->dirty) {
        if (table->dirty_count == table->dirty_capacity) {
            Py_ssize_t capacity = table->dirty_capacity ? table->dirty_capacity * 2 : 64;
            void **dirty = PyMem_Realloc(table->dirty, (size_t)capacity * sizeof(void *));
            if (dirty == NULL) {
                PyErr_NoMemory();
                return NULL;
            }
            table->dirty = dirty;
            table->dirty_capacity = capacity;
        }
        table->dirty[table->dirty_count++] = key;
        slot->dirty = 1;
    }
    return slot;
}

static int pending_push(Pending *slot, long long duration) {
    if (slot->count == slot->capacity) {
        Py_ssize_t capacity = slot->capacity ? slot->capacity * 2 : 16;
        long long *grown = PyMem_Realloc(slot->durations, (size_t)capacity * sizeof(long long));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        slot->durations = grown;
        slot->capacity = capacity;
    }
    slot->durations[slot->count++] = duration;
    return 0;
}

static void pending_clear(PendingTable *table) {
    Pending *slots = table->slots;
    size_t capacity = slots == NULL ? 0 : table->mask + 1;
    void **dirty = table->dirty;
    table->slots = NULL;
    table->mask = table->used = 0;
    table->dirty = NULL;
    table->dirty_count = table->dirty_capacity = 0;
    for (size_t j = 0; j < capacity; j++) {
        PyMem_Free(slots[j].durations);
        Py_CLEAR(slots[j].target);
    }
    PyMem_Free(slots);
    PyMem_Free(dirty);
}

static int pending_traverse(PendingTable *table, visitproc visit, void *arg) {
    for (size_t j = 0; table->slots != NULL && j <= table->mask; j++) {
        Py_VISIT(table->slots[j].target);
    }
    return 0;
}

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
    PyObject *resumed;       /* settrace only: the Python callbacks for the rarer events */
    PyObject *yielded;
    PyObject *raised;
    PyObject *unwound;
    PyObject *how_return;    /* records.RETURN */
    PyObject *generators;    /* hotpath's generators timed between stretches: id(frame) ->
                              * [node, spent, child, outermost, recorded], shared with its
                              * Python callbacks; None: none here */
    long long sample_every;
    AddrTable codes;         /* code -> entry, id(code) */
    AddrTable skipped;       /* settrace only: code -> code, for code that is not traced */
    unsigned long last_tid;  /* the thread id of `tid_key`, cached: one int per thread switch */
    PyObject *tid_key;
    int active;              /* settrace only: 0 once stopped, so other threads unhook */
    /* Shadow frames of ended plain calls that nothing else refers to, filled anew at the next
     * call: a list made per call would also be a container the cyclic GC counts and scans. */
    PyObject *spare[SPARE_FRAMES];
    int spares;
    PendingTable nodes;      /* node -> its pending calls, own time and durations */
    PendingTable totals;     /* code -> its entry's pending outermost total */
} FastPath;

static PyObject *tid_of(FastPath *self) {
    unsigned long tid = PyThread_get_thread_ident();
    if (self->tid_key == NULL || tid != self->last_tid) {
        PyObject *key = PyLong_FromUnsignedLong(tid);
        if (key == NULL) {
            return NULL;
        }
        Py_XSETREF(self->tid_key, key);
        self->last_tid = tid;
    }
    return Py_NewRef(self->tid_key);
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

static PyObject *frame_or_none(void) {
    PyFrameObject *frame = PyEval_GetFrame();
    return frame == NULL ? Py_NewRef(Py_None) : Py_NewRef((PyObject *)frame);
}

/* The entry of `code` (borrowed from the cache) and its id; NULL without an error when the
 * code is not traced (then *untraced is set), NULL with an error on failure. */
static PyObject *entry_of(FastPath *self, PyObject *code, PyObject **cid, int *untraced) {
    Slot *slot = addr_find(&self->codes, code);
    if (slot != NULL) {
        *cid = slot->cid;
        return slot->value;
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
    if (!PyList_CheckExact(entry) || PyList_GET_SIZE(entry) <= E_OPEN) {
        PyErr_SetString(PyExc_TypeError, "a code-table entry must be a list of 7 items");
        Py_DECREF(entry);
        Py_DECREF(key);
        return NULL;
    }
    int failed = addr_put(&self->codes, code, entry, key);
    Py_DECREF(entry);
    Py_DECREF(key);
    if (failed) {
        return NULL;
    }
    slot = addr_find(&self->codes, code);
    *cid = slot->cid;
    return slot->value;
}

/* Only looks: the entry of code already seen, else NULL (no error). */
static PyObject *known_entry(FastPath *self, PyObject *code) {
    Slot *slot = addr_find(&self->codes, code);
    return slot == NULL ? NULL : slot->value;
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

static PyObject *stack_of(FastPath *self, PyObject *tid) {
    PyObject *stack = PyDict_GetItemWithError(self->stacks, tid);
    if (stack != NULL) {
        return Py_NewRef(stack);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    stack = PyObject_CallOneArg(self->new_stack, tid);
    if (stack != NULL && !PyList_CheckExact(stack)) {
        Py_DECREF(stack);
        PyErr_SetString(PyExc_TypeError, "a shadow stack must be a list");
        return NULL;
    }
    return stack;
}

/* A shadow frame `[entry, now, 0, False, outermost, False, None, 0, node]` (hotpath.py),
 * made anew or refilled from a spare one. New reference. */
static PyObject *new_frame(FastPath *self, PyObject *entry, PyObject *outermost,
                           PyObject *node) {
    PyObject *zero = PyLong_FromLong(0);  /* a small int: never fails */
    PyObject *shadow;
    if (self->spares > 0) {
        shadow = self->spare[--self->spares];
        PyObject *items[FRAME_SIZE] = {entry, NULL, zero, Py_False, outermost, Py_False,
                                       Py_None, zero, node};
        for (int i = 0; i < FRAME_SIZE; i++) {
            if (i != F_START) {
                Py_XSETREF(PyList_GET_ITEM(shadow, i), Py_NewRef(items[i]));
            }
        }
    } else {
        shadow = PyList_New(FRAME_SIZE);
        if (shadow == NULL) {
            Py_DECREF(zero);
            return NULL;
        }
        PyList_SET_ITEM(shadow, F_ENTRY, Py_NewRef(entry));
        PyList_SET_ITEM(shadow, F_CHILD, Py_NewRef(zero));
        PyList_SET_ITEM(shadow, F_RECORDED, Py_NewRef(Py_False));
        PyList_SET_ITEM(shadow, F_OUTERMOST, Py_NewRef(outermost));
        PyList_SET_ITEM(shadow, 5, Py_NewRef(Py_False));
        PyList_SET_ITEM(shadow, 6, Py_NewRef(Py_None));
        PyList_SET_ITEM(shadow, 7, Py_NewRef(zero));
        PyList_SET_ITEM(shadow, F_NODE, Py_NewRef(node));
    }
    Py_DECREF(zero);
    PyObject *start = from_i64(now_ns());  /* last: the call starts now */
    if (start == NULL) {
        Py_DECREF(shadow);
        return NULL;
    }
    Py_XSETREF(PyList_GET_ITEM(shadow, F_START), start);
    return shadow;
}

/* Keep an ended call's shadow frame for the next call if nothing else holds it. */
static void spare_frame(FastPath *self, PyObject *shadow) {
    if (Py_REFCNT(shadow) == 1 && self->spares < SPARE_FRAMES &&
        PyList_GET_SIZE(shadow) == FRAME_SIZE) {
        self->spare[self->spares++] = shadow;
        return;
    }
    Py_DECREF(shadow);
}

/* The plain-call case of hotpath's `start`, or the Python slow path. New reference. */
static PyObject *do_start(FastPath *self, PyObject *code, PyFrameObject *traced) {
    PyObject *cid = NULL;
    int untraced = 0;
    PyObject *entry = entry_of(self, code, &cid, &untraced);
    if (entry == NULL) {
        return untraced ? Py_NewRef(self->untraced) : NULL;
    }
    Py_INCREF(entry);
    Py_INCREF(cid);
    PyObject *result = NULL, *tid = NULL, *stack = NULL, *node = NULL, *shadow = NULL;
    long long left = as_i64(PyList_GET_ITEM(entry, E_BUDGET));
    if (left == -1 && PyErr_Occurred()) {
        goto done;
    }
    PyObject *budget = from_i64(left - 1);
    if (budget == NULL) {
        goto done;
    }
    PyList_SetItem(entry, E_BUDGET, budget);
    tid = tid_of(self);
    if (tid == NULL || (stack = stack_of(self, tid)) == NULL) {
        goto done;
    }
    int detailed = left > 0 || left % self->sample_every == 0;
    long kind = PyLong_AsLong(PyList_GET_ITEM(entry, E_KIND));
    if (kind == -1 && PyErr_Occurred()) {
        goto done;
    }
    /* Generators past the budget are timed here as plain calls are (their later stretches
     * by hotpath's `resumed` and `yielded`); coroutines always become records. */
    if (detailed || kind == KIND_COROUTINE) {
        PyObject *frame = traced != NULL ? Py_NewRef((PyObject *)traced) : frame_or_none();
        PyObject *r = PyObject_CallFunctionObjArgs(
            self->record_start, entry, code, tid, stack, frame, detailed ? Py_True : Py_False,
            NULL);
        Py_DECREF(frame);
        if (r == NULL) {
            goto done;
        }
        Py_DECREF(r);
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (!well_formed(stack)) {
        malformed();
        goto done;
    }
    Py_ssize_t depth = PyList_GET_SIZE(stack);
    PyObject *parent = PyList_GET_ITEM(PyList_GET_ITEM(stack, depth - 1), F_NODE);
    Py_INCREF(parent);
    node = PyDict_GetItemWithError(PyList_GET_ITEM(parent, N_CHILDREN), cid);
    if (node != NULL) {
        Py_INCREF(node);
    } else if (!PyErr_Occurred()) {
        node = PyObject_CallFunctionObjArgs(self->child, parent, entry, cid, NULL);
    }
    Py_DECREF(parent);
    if (node == NULL) {
        goto done;
    }
    if (!PyList_CheckExact(node) || PyList_GET_SIZE(node) <= N_OWN) {
        PyErr_SetString(PyExc_TypeError, "a call-tree node must be a list");
        goto done;
    }
    Pending *counts = pending_for(&self->nodes, node, node);
    if (counts == NULL) {
        goto done;
    }
    counts->calls++;
    PyObject *opened = PyList_GET_ITEM(entry, E_OPEN);
    int running = PySet_Contains(opened, tid);
    if (running < 0 || (!running && PySet_Add(opened, tid) < 0)) {
        goto done;
    }
    shadow = new_frame(self, entry, running ? Py_False : Py_True, node);
    if (shadow == NULL || PyList_Append(stack, shadow) < 0) {
        goto done;
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(shadow);
    Py_XDECREF(node);
    Py_XDECREF(stack);
    Py_XDECREF(tid);
    Py_DECREF(cid);
    Py_DECREF(entry);
    return result;
}

/* Pop `stack`'s top frame `shadow` (depth `depth`, the caller holding its own reference to
 * it) as list.pop() does, without its generic slice path: the stack keeps its room for the
 * next push. Its duration up to `t` goes into the caller's child time; *duration and *child
 * (its callees' time) are set. -1 with an error set on failure. */
static int pop_stretch(PyObject *stack, Py_ssize_t depth, PyObject *shadow, long long t,
                       long long *duration, long long *child) {
    Py_SET_SIZE(stack, depth - 1);
    Py_DECREF(shadow);  /* the stack's reference */
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

/* hotpath's `returned`: the unrecorded plain call ends here, anything else in `end`. */
static PyObject *do_return(FastPath *self, PyObject *code, PyObject *offset, PyObject *value,
                           PyFrameObject *traced) {
    long long t = now_ns();
    PyObject *tid = tid_of(self);
    if (tid == NULL) {
        return NULL;
    }
    PyObject *stack = PyDict_GetItemWithError(self->stacks, tid);
    if (stack == NULL) {
        Py_DECREF(tid);
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    }
    if (!well_formed(stack)) {
        Py_DECREF(tid);
        return malformed();
    }
    Py_INCREF(stack);
    PyObject *result = NULL;
    Py_ssize_t depth = PyList_GET_SIZE(stack);
    PyObject *shadow = PyList_GET_ITEM(stack, depth - 1);
    Py_INCREF(shadow);
    PyObject *entry = PyList_GET_ITEM(shadow, F_ENTRY);
    int recorded = PyObject_IsTrue(PyList_GET_ITEM(shadow, F_RECORDED));
    if (recorded < 0) {
        goto done;
    }
    long kind = PyLong_AsLong(PyList_GET_ITEM(entry, E_KIND));
    if (kind == -1 && PyErr_Occurred()) {
        goto done;
    }
    /* Anything but an unrecorded plain call (a generator's end included) is `end`'s. */
    if (recorded || depth < 2 || PyList_GET_ITEM(entry, E_CODE) != code || kind != KIND_PLAIN) {
        PyObject *frame = traced != NULL ? Py_NewRef((PyObject *)traced) : frame_or_none();
        PyObject *when = from_i64(t);
        if (when != NULL) {
            PyObject *r = PyObject_CallFunctionObjArgs(
                self->end, stack, code, tid, when, self->how_return, value, frame, offset, NULL);
            Py_DECREF(when);
            if (r != NULL) {
                Py_DECREF(r);
                result = Py_NewRef(Py_None);
            }
        }
        Py_DECREF(frame);
        goto done;
    }
    Py_INCREF(entry);
    long long duration, child;
    if (pop_stretch(stack, depth, shadow, t, &duration, &child) < 0) {
        Py_DECREF(entry);
        goto done;
    }
    PyObject *node = PyList_GET_ITEM(shadow, F_NODE);
    Pending *numbers = pending_for(&self->nodes, node, node);
    int failed = numbers == NULL || pending_push(numbers, duration) < 0;
    if (!failed) {
        numbers->own += duration - child;
    }
    if (!failed && PyList_GET_ITEM(shadow, F_OUTERMOST) == Py_True) {
        failed = PySet_Discard(PyList_GET_ITEM(entry, E_OPEN), tid) < 0;
        Pending *total = failed ? NULL : pending_for(&self->totals, code, entry);
        if (total == NULL) {
            failed = 1;
        } else {
            total->own += duration;
        }
    }
    Py_DECREF(entry);
    if (!failed) {
        result = Py_NewRef(Py_None);
    }
    spare_frame(self, shadow);  /* a frame this fast path made, ended here */
    shadow = NULL;
done:
    Py_XDECREF(shadow);
    Py_DECREF(stack);
    Py_DECREF(tid);
    return result;
}

/* The key of a generator's frame in `generators`: id(frame), as hotpath's callbacks make it.
 * `traced` is the settrace frame; NULL in a sys.monitoring callback, where the running frame
 * is the generator's. New reference, or NULL (an error set, or none: no frame). */
static PyObject *generator_key(PyFrameObject *traced) {
    PyFrameObject *frame = traced != NULL ? traced : PyEval_GetFrame();
    return frame == NULL ? NULL : PyLong_FromVoidPtr(frame);
}

/* hotpath's `yielded` for a stretch of a generator timed here (its call goes on, its time is
 * kept in `generators`; a later stretch holds its frame key where `detailed` is); any other
 * yield goes to the Python callback, which records it. */
static PyObject *do_yield(FastPath *self, PyObject *code, PyObject *offset, PyObject *value,
                          PyFrameObject *traced) {
    long long t = now_ns();
    PyObject *tid = tid_of(self);
    if (tid == NULL) {
        return NULL;
    }
    PyObject *stack = PyDict_GetItemWithError(self->stacks, tid);  /* borrowed */
    if (stack == NULL) {
        Py_DECREF(tid);
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    }
    if (!well_formed(stack)) {
        Py_DECREF(tid);
        return malformed();
    }
    Py_ssize_t depth = PyList_GET_SIZE(stack);
    PyObject *shadow = PyList_GET_ITEM(stack, depth - 1);
    PyObject *entry = PyList_GET_ITEM(shadow, F_ENTRY);
    int recorded = PyObject_IsTrue(PyList_GET_ITEM(shadow, F_RECORDED));
    if (recorded < 0) {
        Py_DECREF(tid);
        return NULL;
    }
    if (recorded || depth < 2 || PyList_GET_ITEM(entry, E_CODE) != code ||
        !PyDict_CheckExact(self->generators)) {
        Py_DECREF(tid);
        return PyObject_CallFunctionObjArgs(self->yielded, code, offset, value, NULL);
    }
    PyObject *result = NULL, *key = NULL, *made = NULL;
    Py_INCREF(stack);
    Py_INCREF(shadow);
    long long duration, child;
    if (pop_stretch(stack, depth, shadow, t, &duration, &child) < 0) {
        goto done;
    }
    PyObject *outermost = PyList_GET_ITEM(shadow, F_OUTERMOST);
    if (outermost == Py_True && PySet_Discard(PyList_GET_ITEM(entry, E_OPEN), tid) < 0) {
        goto done;
    }
    PyObject *suspended = NULL;  /* borrowed */
    PyObject *mark = PyList_GET_ITEM(shadow, F_DETAILED);
    if (PyLong_CheckExact(mark)) {  /* a later stretch, under its frame key */
        key = Py_NewRef(mark);
        suspended = PyDict_GetItemWithError(self->generators, key);
        if (suspended == NULL && PyErr_Occurred()) {
            goto done;
        }
    } else if ((key = generator_key(traced)) == NULL) {
        if (!PyErr_Occurred()) {
            result = Py_NewRef(Py_None);
        }
        goto done;
    }
    if (suspended != NULL && PyList_CheckExact(suspended) && PyList_GET_SIZE(suspended) == G_SIZE) {
        Py_INCREF(suspended);
        int failed = add_to_item(suspended, G_SPENT, duration) < 0 ||
                     add_to_item(suspended, G_CHILD, child) < 0;
        Py_DECREF(suspended);
        if (failed) {
            goto done;
        }
    } else {  /* its first stretch: a new entry (replacing a closed generator's) */
        PyObject *spent = from_i64(duration), *inner = from_i64(child);
        made = spent == NULL || inner == NULL ? NULL : PyList_New(G_SIZE);
        if (made == NULL) {
            Py_XDECREF(spent);
            Py_XDECREF(inner);
            goto done;
        }
        PyList_SET_ITEM(made, G_NODE, Py_NewRef(PyList_GET_ITEM(shadow, F_NODE)));
        PyList_SET_ITEM(made, G_SPENT, spent);
        PyList_SET_ITEM(made, G_CHILD, inner);
        PyList_SET_ITEM(made, G_OUTERMOST, Py_NewRef(outermost));
        PyList_SET_ITEM(made, G_RECORDED, Py_NewRef(Py_None));
        if (PyDict_SetItem(self->generators, key, made) < 0) {
            goto done;
        }
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(made);
    Py_XDECREF(key);
    spare_frame(self, shadow);
    Py_DECREF(stack);
    Py_DECREF(tid);
    return result;
}

/* hotpath's `resumed` for a generator timed here: a new stretch on the thread's stack, marked
 * later (its frame key where `detailed` is; a quiet stretch of a recorded call is never
 * outermost); any other resumption goes to the Python callback. */
static PyObject *do_resume(FastPath *self, PyObject *code, PyObject *offset,
                           PyFrameObject *traced) {
    PyObject *entry = known_entry(self, code);
    if (entry == NULL || !PyDict_CheckExact(self->generators)) {
        return PyObject_CallFunctionObjArgs(self->resumed, code, offset, NULL);
    }
    PyObject *key = generator_key(traced);
    if (key == NULL) {
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    }
    PyObject *suspended = PyDict_GetItemWithError(self->generators, key);  /* borrowed */
    if (suspended == NULL) {
        Py_DECREF(key);
        if (PyErr_Occurred()) {
            return NULL;
        }
        return PyObject_CallFunctionObjArgs(self->resumed, code, offset, NULL);
    }
    if (!PyList_CheckExact(suspended) || PyList_GET_SIZE(suspended) != G_SIZE) {
        Py_DECREF(key);
        return malformed();
    }
    int quiet = PyList_GET_ITEM(suspended, G_RECORDED) != Py_None;
    Py_INCREF(entry);
    PyObject *node = Py_NewRef(PyList_GET_ITEM(suspended, G_NODE));
    PyObject *result = NULL, *stack = NULL, *shadow = NULL;
    PyObject *tid = tid_of(self);
    if (tid == NULL || (stack = stack_of(self, tid)) == NULL) {
        goto done;
    }
    PyObject *opened = PyList_GET_ITEM(entry, E_OPEN);
    int running = quiet ? 1 : PySet_Contains(opened, tid);
    if (running < 0 || (!running && PySet_Add(opened, tid) < 0)) {
        goto done;
    }
    shadow = new_frame(self, entry, running ? Py_False : Py_True, node);
    if (shadow == NULL) {
        goto done;
    }
    Py_XSETREF(PyList_GET_ITEM(shadow, F_DETAILED), Py_NewRef(key));
    if (PyList_Append(stack, shadow) < 0) {
        goto done;
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(shadow);
    Py_XDECREF(stack);
    Py_XDECREF(tid);
    Py_DECREF(node);
    Py_DECREF(entry);
    Py_DECREF(key);
    return result;
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

static int call_python(PyObject *callback, PyObject *code, int offset, PyObject *arg) {
    PyObject *where = PyLong_FromLong(offset);
    if (where == NULL) {
        return -1;
    }
    PyObject *r = PyObject_CallFunctionObjArgs(callback, code, where, arg, NULL);
    Py_DECREF(where);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
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
        Py_XDECREF(r);
        return r == NULL ? -1 : 0;
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
    if (kind == RETURNS) {
        PyObject *where = PyLong_FromLong(offset);
        if (where == NULL) {
            return -1;
        }
        PyObject *r = do_return(self, code, where, arg != NULL ? arg : Py_None, frame);
        Py_DECREF(where);
        Py_XDECREF(r);
        return r == NULL ? -1 : 0;
    }
    int plain = PyObject_Not(PyList_GET_ITEM(entry, E_KIND));
    if (plain < 0) {
        return -1;
    }
    if (kind == YIELDS && !plain) {
        PyObject *where = PyLong_FromLong(offset);
        PyObject *r = where == NULL ? NULL
                                    : do_yield(self, code, where, arg != NULL ? arg : Py_None, frame);
        Py_XDECREF(where);
        Py_XDECREF(r);
        return r == NULL ? -1 : 0;
    }
    return call_python(self->unwound, code, offset, Py_None);
}

static int on_exception(FastPath *self, PyFrameObject *frame, PyObject *code, PyObject *arg) {
    if (known_entry(self, code) == NULL || !PyTuple_Check(arg) || PyTuple_GET_SIZE(arg) < 2) {
        return 0;  /* hotpath's `raised` does nothing for code that is not traced */
    }
    return call_python(self->raised, code, frame_offset(frame), PyTuple_GET_ITEM(arg, 1));
}

static int traced_event(FastPath *self, PyFrameObject *frame, int what, PyObject *arg);

static int trace(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg) {
    FastPath *self = (FastPath *)obj;
    if (!self->active) {
        PyEval_SetTrace(NULL, NULL);  /* stopped while this thread still had the hook */
        return 0;
    }
    if (what != PyTrace_CALL && what != PyTrace_RETURN && what != PyTrace_EXCEPTION) {
        return 0;
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
        Pending *slot = pending_find(table, table->dirty[i]);
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

static PyObject *FastPath_settle(FastPath *self, PyObject *Py_UNUSED(ignored)) {
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
    "end", "how_return", "sample_every", "resumed", "yielded", "raised", "unwound", "generators",
    NULL};

static int FastPath_init(FastPath *self, PyObject *args, PyObject *kwargs) {
    PyObject *entries, *stacks, *first_sight, *untraced, *new_stack, *child, *record_start;
    PyObject *end, *how_return, *resumed = Py_None, *yielded = Py_None, *raised = Py_None;
    PyObject *unwound = Py_None, *generators = Py_None;
    long long sample_every;
    if (!PyArg_ParseTupleAndKeywords(
            args, kwargs, "O!O!OOOOOOOL|OOOOO", init_names, &PyDict_Type, &entries,
            &PyDict_Type, &stacks, &first_sight, &untraced, &new_stack, &child, &record_start,
            &end, &how_return, &sample_every, &resumed, &yielded, &raised, &unwound,
            &generators)) {
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
    Py_XSETREF(self->generators, Py_NewRef(generators));
    self->sample_every = sample_every;
    self->active = 0;
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
    Py_VISIT(self->generators);
    for (int i = 0; i < self->spares; i++) {
        Py_VISIT(self->spare[i]);
    }
    if (pending_traverse(&self->nodes, visit, arg) || pending_traverse(&self->totals, visit, arg)) {
        return -1;
    }
    return addr_traverse(&self->codes, visit, arg);
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
    Py_CLEAR(self->generators);
    Py_CLEAR(self->tid_key);
    while (self->spares > 0) {
        Py_CLEAR(self->spare[--self->spares]);
    }
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
    {"install", (PyCFunction)FastPath_install, METH_NOARGS,
     "Trace the current thread with the C trace function."},
    {"install_all", (PyCFunction)FastPath_install_all, METH_NOARGS,
     "Trace every thread with the C trace function (Python 3.12+)."},
    {"install_here", (PyCFunction)(void (*)(void))FastPath_install_here, METH_FASTCALL,
     "A hook for threading.settrace: trace the new thread in C from its first call."},
    {"uninstall", (PyCFunction)FastPath_uninstall, METH_NOARGS,
     "Stop tracing: here at once, in other threads at their next event."},
    {"settle", (PyCFunction)FastPath_settle, METH_NOARGS,
     "Write the numbers kept here into the nodes and entries (the collector calls it first)."},
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
