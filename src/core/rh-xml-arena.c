/* rh-xml-arena.c: the memory of a deck's XML tree, in a few large blocks
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2 allocates every node, attribute and text of a tree on its own
 * and frees them one by one: a deck file of 5,000 cards is some 150,000
 * blocks, and malloc sorting that many small freed blocks (glibc's
 * malloc_consolidate, at the next large allocation) was the largest single
 * cost of loading many decks at start-up.
 *
 * While a thread parses a deck (rh_xml_arena_begin(), then
 * rh_xml_arena_set_active()), libxml2's allocations in that thread come
 * from large blocks that rh_xml_arena_end() frees at once; freeing memory
 * in them does nothing.  Every other allocation of libxml2, in that
 * thread at other times or in any other thread (librsvg, say), goes to the
 * functions that were in place before rh_xml_arena_init().
 *
 * The rules that keep this sound, followed by rh-deck-parser.c:
 *   - the tree, and everything else made while the arena is active, is
 *     freed (or dropped) before rh_xml_arena_end();
 *   - libxml2's record of the thread's last error, which may hold strings
 *     from the arena, is reset by rh_xml_arena_end() while they still are.
 */
#define G_LOG_DOMAIN "rehearse-xml-arena"

#include "config.h"

#include <string.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include "rh-xml-arena.h"

/* Large enough that a deck is a handful of them; an allocation larger
 * than this has a block of its own. */
#define BLOCK_SIZE (4 * 1024 * 1024)
/* Each allocation is preceded by its size, for realloc; 16 keeps what
 * follows aligned as malloc's is. */
#define HEADER 16

typedef struct {
  char *start;
  gsize size;
} Block;

struct _RhXmlArena {
  GArray *blocks;   /* of Block */
  char *next;       /* free space in the last block */
  char *end;
  gboolean active;
};

static _Thread_local RhXmlArena *thread_arena;

static xmlFreeFunc real_free;
static xmlMallocFunc real_malloc;
static xmlReallocFunc real_realloc;
static xmlStrdupFunc real_strdup;

static gboolean
owns (RhXmlArena *arena,
      const void *mem)
{
  const char *p = mem;

  for (guint i = arena->blocks->len; i > 0; i--)
    {
      const Block *block = &g_array_index (arena->blocks, Block, i - 1);

      if (p >= block->start && p < block->start + block->size)
        return TRUE;
    }
  return FALSE;
}

static void *
arena_alloc (RhXmlArena *arena,
             gsize       size)
{
  gsize need = HEADER + ((size + 15) & ~(gsize)15);
  char *p;

  if ((gsize)(arena->end - arena->next) < need)
    {
      Block block = { g_malloc (MAX (need, BLOCK_SIZE)), MAX (need, BLOCK_SIZE) };

      g_array_append_val (arena->blocks, block);
      /* A block of its own for a large allocation keeps the current one. */
      if (need > BLOCK_SIZE)
        {
          *(gsize *)(gpointer)block.start = size;
          return block.start + HEADER;
        }
      arena->next = block.start;
      arena->end = block.start + block.size;
    }
  p = arena->next;
  arena->next += need;
  *(gsize *)(gpointer)p = size;
  return p + HEADER;
}

static void *
hook_malloc (size_t size)
{
  RhXmlArena *arena = thread_arena;

  if (arena != NULL && arena->active)
    return arena_alloc (arena, size);
  return real_malloc (size);
}

static void
hook_free (void *mem)
{
  RhXmlArena *arena = thread_arena;

  if (mem == NULL || (arena != NULL && owns (arena, mem)))
    return;
  real_free (mem);
}

static void *
hook_realloc (void   *mem,
              size_t  size)
{
  RhXmlArena *arena = thread_arena;
  void *copy;

  if (mem == NULL)
    return hook_malloc (size);
  if (arena == NULL || !owns (arena, mem))
    return real_realloc (mem, size);
  copy = hook_malloc (size);
  if (copy != NULL)
    memcpy (copy, mem, MIN (size, *(gsize *)(gpointer)((char *)mem - HEADER)));
  return copy;
}

static char *
hook_strdup (const char *text)
{
  gsize size = strlen (text) + 1;
  char *copy = hook_malloc (size);

  if (copy != NULL)
    memcpy (copy, text, size);
  return copy;
}

/* Puts the hooks in place, once, before libxml2 is initialized. */
void
rh_xml_arena_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlMemGet (&real_free, &real_malloc, &real_realloc, &real_strdup);
      xmlMemSetup (hook_free, hook_malloc, hook_realloc, (xmlStrdupFunc)hook_strdup);
      g_once_init_leave (&initialized, 1);
    }
}

/* An arena for this thread, not yet active. */
RhXmlArena *
rh_xml_arena_begin (void)
{
  RhXmlArena *arena = g_new0 (RhXmlArena, 1);

  g_return_val_if_fail (thread_arena == NULL, NULL);

  arena->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  thread_arena = arena;
  return arena;
}

/* Whether libxml2's allocations in this thread come from @arena. */
void
rh_xml_arena_set_active (RhXmlArena *arena,
                         gboolean    active)
{
  g_return_if_fail (arena != NULL && arena == thread_arena);
  arena->active = active;
}

/* Frees every block: nothing of the arena may be used after. */
void
rh_xml_arena_end (RhXmlArena *arena)
{
  g_return_if_fail (arena != NULL && arena == thread_arena);

  xmlResetLastError ();
  thread_arena = NULL;
  for (guint i = 0; i < arena->blocks->len; i++)
    g_free (g_array_index (arena->blocks, Block, i).start);
  g_array_unref (arena->blocks);
  g_free (arena);
}
