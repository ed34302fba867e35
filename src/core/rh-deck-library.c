/* rh-deck-library.c: every deck the learner has, from wherever it comes
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in deck, then the learner's deck folder, then the folders a team
 * or a distribution installs for everyone ($XDG_DATA_DIRS), each in file-name
 * order.  A deck that does not load is still listed, with its error, and
 * takes no other deck down.  Two decks with one id cannot both be studied
 * (their cards' ids, and so their progress, would mix): the first keeps it
 * and the other says which file has it.
 *
 * The folders are watched: a deck saved, added or deleted is loaded again
 * (a moment after the last change, as editors write in steps), and what
 * changed is said in a sentence for the window's toast.  A deck the learner
 * removes is only hidden, by its id: its file and its progress stay, and
 * adding it again brings both back.
 */
#define G_LOG_DOMAIN "rehearse-deck-library"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "rh-deck-import.h"
#include "rh-deck-library.h"
#include "rh-deck-parser.h"

/* Editors write a file in several steps: load once they are done. */
#define RELOAD_DELAY_MS 300

typedef struct {
  char *path;
  RhDeckSourceKind kind;
  GFileMonitor *monitor;
} Folder;

struct _RhDeckLibrary {
  GObject parent_instance;

  GListStore *sources;      /* of RhDeckSource, in load order */
  GPtrArray *folders;       /* of Folder */
  GStrv hidden;             /* the deck ids the learner removed */
  GHashTable *pending;      /* paths to load again */
  guint pending_id;
  GHashTable *stamps;       /* path -> "size mtime" of the file as last loaded */
  gboolean loading;         /* the folders are being read in a thread */
};

G_DEFINE_FINAL_TYPE (RhDeckLibrary, rh_deck_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HIDDEN_DECKS,
  PROP_LOADING,
  N_PROPS
};

enum {
  CHANGED,
  DECK_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
folder_free (Folder *folder)
{
  if (folder->monitor != NULL)
    {
      g_file_monitor_cancel (folder->monitor);
      g_signal_handlers_disconnect_matched (folder->monitor, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, folder);
    }
  g_clear_object (&folder->monitor);
  g_free (folder->path);
  g_free (folder);
}

static void
rh_deck_library_dispose (GObject *object)
{
  RhDeckLibrary *self = RH_DECK_LIBRARY (object);

  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->folders, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_deck_library_parent_class)->dispose (object);
}

static void
rh_deck_library_finalize (GObject *object)
{
  RhDeckLibrary *self = RH_DECK_LIBRARY (object);

  g_clear_object (&self->sources);
  g_clear_pointer (&self->hidden, g_strfreev);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->stamps, g_hash_table_unref);

  G_OBJECT_CLASS (rh_deck_library_parent_class)->finalize (object);
}

static void
rh_deck_library_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RhDeckLibrary *self = RH_DECK_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_DECKS:
      g_value_set_boxed (value, self->hidden);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_deck_library_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RhDeckLibrary *self = RH_DECK_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_DECKS:
      rh_deck_library_set_hidden_decks (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_deck_library_class_init (RhDeckLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_deck_library_dispose;
  object_class->finalize = rh_deck_library_finalize;
  object_class->get_property = rh_deck_library_get_property;
  object_class->set_property = rh_deck_library_set_property;

  /* The ids of the decks the learner removed (GSettings "hidden-decks"). */
  properties[PROP_HIDDEN_DECKS] =
    g_param_spec_boxed ("hidden-decks", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The decks in use are others: a deck added, loaded again, removed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A watched deck file changed on disk: the source, and a sentence for
   * the learner ("Platform Onboarding updated: 3 new cards, 1 removed"). */
  signals[DECK_UPDATED] =
    g_signal_new ("deck-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, RH_TYPE_DECK_SOURCE, G_TYPE_STRING);
}

static void
rh_deck_library_init (RhDeckLibrary *self)
{
  self->sources = g_list_store_new (RH_TYPE_DECK_SOURCE);
  self->folders = g_ptr_array_new_with_free_func ((GDestroyNotify)folder_free);
  self->hidden = g_new0 (char *, 1);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

RhDeckLibrary *
rh_deck_library_new (void)
{
  return g_object_new (RH_TYPE_DECK_LIBRARY, NULL);
}

/* Every source, usable or not, in load order: a GListModel of RhDeckSource. */
GListModel *
rh_deck_library_get_sources (RhDeckLibrary *self)
{
  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->sources);
}

static RhDeckSource *
peek_source (RhDeckLibrary *self,
             guint          position)
{
  g_autoptr(RhDeckSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), position);

  /* The list holds it. */
  return source;
}

/* The source whose deck has this id and is in use, or else the first one
 * whose deck has it; NULL when none has. */
RhDeckSource *
rh_deck_library_lookup (RhDeckLibrary *self,
                        const char    *deck_id)
{
  RhDeckSource *found = NULL;

  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), NULL);
  g_return_val_if_fail (deck_id != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
    {
      RhDeckSource *source = peek_source (self, i);
      RhDeck *deck = rh_deck_source_get_deck (source);

      if (deck == NULL || !g_str_equal (rh_deck_get_id (deck), deck_id))
        continue;
      if (rh_deck_source_get_error (source) == NULL || rh_deck_source_is_usable (source))
        return source;
      if (found == NULL)
        found = source;
    }
  return found;
}

/* The decks in use, in order: a GPtrArray of RhDeck (references). */
GPtrArray *
rh_deck_library_dup_usable_decks (RhDeckLibrary *self)
{
  GPtrArray *decks;

  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), NULL);

  decks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
    {
      RhDeckSource *source = peek_source (self, i);

      if (rh_deck_source_is_usable (source))
        g_ptr_array_add (decks, g_object_ref (rh_deck_source_get_deck (source)));
    }
  return decks;
}

/* --- Which deck may be used ------------------------------------------------ */

static char *
describe_location (RhDeckSource *source)
{
  const char *location = rh_deck_source_get_location (source);

  if (rh_deck_source_get_kind (source) == RH_DECK_SOURCE_BUILT_IN || location == NULL)
    return g_strdup (_("the built-in deck"));
  return g_filename_display_name (location);
}

/* The list of removed decks with @deck_id in it (@hidden) or not. */
static GStrv
hidden_with (RhDeckLibrary *self,
             const char    *deck_id,
             gboolean       hidden)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->hidden[i] != NULL; i++)
    if (!g_str_equal (self->hidden[i], deck_id))
      g_strv_builder_add (builder, self->hidden[i]);
  if (hidden)
    g_strv_builder_add (builder, deck_id);
  return g_strv_builder_end (builder);
}

/* Takes @deck_id off the list of removed decks, and says so (the setting
 * follows), without settling again: the caller is settling. */
static void
remove_hidden (RhDeckLibrary *self,
               const char    *deck_id)
{
  GStrv ids = hidden_with (self, deck_id, FALSE);

  g_strfreev (self->hidden);
  self->hidden = ids;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_DECKS]);
}

/* Rehearse studies at least one deck: with every deck removed (a setting
 * written by hand, say, or the last one switched off), the first that
 * loaded stays in use. */
static void
keep_one (RhDeckLibrary *self)
{
  RhDeckSource *first = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
    {
      RhDeckSource *source = peek_source (self, i);

      if (rh_deck_source_is_usable (source))
        return;
      if (first == NULL && rh_deck_source_get_deck (source) != NULL && rh_deck_source_get_hidden (source))
        first = source;
    }
  if (first == NULL)
    return;
  /* Off the list too, or switching another deck on would hide it again. */
  rh_deck_source_set_hidden (first, FALSE);
  remove_hidden (self, rh_deck_get_id (rh_deck_source_get_deck (first)));
}

/* The hidden flags from the list of removed ids, and the first deck of
 * each id in use: the others say whose id it is. */
static void
settle (RhDeckLibrary *self)
{
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
    {
      RhDeckSource *source = peek_source (self, i);
      RhDeck *deck = rh_deck_source_get_deck (source);
      RhDeckSource *owner;
      g_autoptr(GError) conflict = NULL;

      if (deck == NULL)
        {
          rh_deck_source_set_conflict (source, NULL);
          continue;
        }
      rh_deck_source_set_hidden (source, g_strv_contains ((const char * const *)self->hidden, rh_deck_get_id (deck)));
      owner = g_hash_table_lookup (owners, rh_deck_get_id (deck));
      if (owner != NULL)
        {
          g_autofree char *mine = describe_location (source);
          g_autofree char *theirs = describe_location (owner);

          conflict = g_error_new (RH_DECK_ERROR, RH_DECK_ERROR_DUPLICATE_ID,
                                  _("%s: the deck id “%s” is already used by %s; a deck id names one deck"),
                                  mine, rh_deck_get_id (deck), theirs);
        }
      else
        g_hash_table_insert (owners, (gpointer)rh_deck_get_id (deck), source);
      rh_deck_source_set_conflict (source, conflict);
    }
  keep_one (self);
}

static void
changed (RhDeckLibrary *self)
{
  settle (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* --- Loading --------------------------------------------------------------- */

/* The built-in deck, first in the list. */
gboolean
rh_deck_library_load_resource (RhDeckLibrary  *self,
                               const char     *resource_path,
                               GError        **error)
{
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), FALSE);
  g_return_val_if_fail (resource_path != NULL, FALSE);

  deck = rh_deck_parser_load_resource (resource_path, &local_error);
  return rh_deck_library_add_resource (self, resource_path, deck, local_error, error);
}

/* The built-in deck at @resource_path, read already (in a thread, at
 * start-up): @deck, or the @load_error it gave, copied to @error. */
gboolean
rh_deck_library_add_resource (RhDeckLibrary  *self,
                              const char     *resource_path,
                              RhDeck         *deck,
                              const GError   *load_error,
                              GError        **error)
{
  g_autoptr(RhDeckSource) source = NULL;

  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), FALSE);
  g_return_val_if_fail (resource_path != NULL, FALSE);
  g_return_val_if_fail ((deck == NULL) != (load_error == NULL), FALSE);

  source = rh_deck_source_new (RH_DECK_SOURCE_BUILT_IN, resource_path);
  rh_deck_source_set_deck (source, deck);
  rh_deck_source_set_error (source, load_error);
  g_list_store_insert (self->sources, 0, source);
  changed (self);
  if (load_error != NULL)
    {
      g_propagate_error (error, g_error_copy (load_error));
      return FALSE;
    }
  return TRUE;
}

/* A deck loaded elsewhere (tests, benchmarks), after the others. */
void
rh_deck_library_add_deck (RhDeckLibrary *self,
                          RhDeck        *deck)
{
  g_autoptr(RhDeckSource) source = NULL;

  g_return_if_fail (RH_IS_DECK_LIBRARY (self));
  g_return_if_fail (RH_IS_DECK (deck));

  source = rh_deck_source_new (RH_DECK_SOURCE_MEMORY, NULL);
  rh_deck_source_set_deck (source, deck);
  g_list_store_append (self->sources, source);
  changed (self);
}

static gboolean
is_deck_file_name (const char *name)
{
  /* Hidden files and editors' temporary copies are not decks. */
  return name[0] != '.' && g_str_has_suffix (name, ".xml") && strlen (name) > strlen (".xml");
}

static Folder *
folder_of (RhDeckLibrary *self,
           const char    *path,
           guint         *rank)
{
  g_autofree char *dir = g_path_get_dirname (path);

  for (guint i = 0; i < self->folders->len; i++)
    {
      Folder *folder = g_ptr_array_index (self->folders, i);

      if (g_str_equal (folder->path, dir))
        {
          *rank = i + 1;
          return folder;
        }
    }
  return NULL;
}

/* Where a source goes: built-in first, then by folder, then by name. */
static int
compare_places (RhDeckLibrary *self,
                RhDeckSource  *a,
                guint          rank_a,
                RhDeckSource  *b)
{
  guint rank_b = G_MAXUINT;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;

  if (rh_deck_source_get_kind (b) == RH_DECK_SOURCE_BUILT_IN)
    rank_b = 0;
  else if (rh_deck_source_get_location (b) != NULL)
    folder_of (self, rh_deck_source_get_location (b), &rank_b);
  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  name_a = g_path_get_basename (rh_deck_source_get_location (a));
  name_b = g_path_get_basename (rh_deck_source_get_location (b));
  return strcmp (name_a, name_b);
}

static RhDeckSource *
find_path (RhDeckLibrary *self,
           const char    *path,
           guint         *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
    {
      RhDeckSource *source = peek_source (self, i);

      if (rh_deck_source_get_kind (source) != RH_DECK_SOURCE_BUILT_IN &&
          g_strcmp0 (rh_deck_source_get_location (source), path) == 0)
        {
          *position = i;
          return source;
        }
    }
  return NULL;
}

static void
insert_source (RhDeckLibrary *self,
               RhDeckSource  *source,
               guint          rank)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  guint position = 0;

  while (position < n && compare_places (self, source, rank, peek_source (self, position)) > 0)
    position++;
  g_list_store_insert (self->sources, position, source);
}

/* What tells one version of a file from the next, cheaply. */
static char *
stamp_of (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                          (gint64)buf.st_size, (gint64)buf.st_mtim.tv_sec, (gint64)buf.st_mtim.tv_nsec);
}

/* Puts what loading the deck file @path (of a folder the library has) gave
 * in its place: a new source, or the deck of one already there. */
static RhDeckSource *
place_file (RhDeckLibrary *self,
            const char    *path,
            RhDeck        *deck,
            const GError  *error,
            RhDeck       **previous)
{
  RhDeckSource *source;
  Folder *folder;
  guint rank = 0, position = 0;

  *previous = NULL;
  folder = folder_of (self, path, &rank);
  g_return_val_if_fail (folder != NULL, NULL);

  source = find_path (self, path, &position);
  if (source == NULL)
    {
      g_autoptr(RhDeckSource) added = rh_deck_source_new (folder->kind, path);

      insert_source (self, added, rank);
      source = added;
    }
  else if (rh_deck_source_get_deck (source) != NULL)
    *previous = g_object_ref (rh_deck_source_get_deck (source));
  /* A deck saved with a mistake: the version before stays in use. */
  if (deck != NULL)
    rh_deck_source_set_deck (source, deck);
  rh_deck_source_set_error (source, error);
  return source;
}

/* Loads (or loads again) the deck file @path of a folder the library has. */
static RhDeckSource *
load_file (RhDeckLibrary *self,
           const char    *path,
           RhDeck       **previous)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;

  g_hash_table_insert (self->stamps, g_strdup (path), stamp_of (path));
  deck = rh_deck_parser_load_file (file, &error);
  return place_file (self, path, deck, error, previous);
}

/* A folder's files are parsed side by side, one thread a processor: the
 * parser holds nothing between calls. */
typedef struct {
  char *path;
  char *stamp;
  RhDeck *deck;
  GError *error;
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_free (parsed->path);
  g_free (parsed->stamp);
  g_clear_object (&parsed->deck);
  g_clear_error (&parsed->error);
}

static void
parse_in_thread (gpointer data,
                 gpointer user_data)
{
  Parsed *parsed = data;
  g_autoptr(GFile) file = g_file_new_for_path (parsed->path);

  parsed->stamp = stamp_of (parsed->path);
  parsed->deck = rh_deck_parser_load_file (file, &parsed->error);
}

static void
parse_all (GArray *files)
{
  guint n_threads = MIN (g_get_num_processors (), files->len);
  GThreadPool *pool;

  if (n_threads <= 1)
    {
      for (guint i = 0; i < files->len; i++)
        parse_in_thread (&g_array_index (files, Parsed, i), NULL);
      return;
    }
  pool = g_thread_pool_new (parse_in_thread, NULL, (int)n_threads, TRUE, NULL);
  for (guint i = 0; i < files->len; i++)
    g_thread_pool_push (pool, &g_array_index (files, Parsed, i), NULL);
  /* Waits for every file. */
  g_thread_pool_free (pool, FALSE, TRUE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static Folder *
register_folder (RhDeckLibrary    *self,
                 const char       *path,
                 RhDeckSourceKind  kind)
{
  Folder *folder = g_new0 (Folder, 1);

  folder->path = g_canonicalize_filename (path, NULL);
  folder->kind = kind;
  g_ptr_array_add (self->folders, folder);
  return folder;
}

/* The deck files of @folder_path, in name order, into @files (of Parsed).
 * Touches nothing of the library: for a thread too. */
static void
read_folder (const char *folder_path,
             GArray     *files)
{
  g_autoptr(GDir) dir = g_dir_open (folder_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (is_deck_file_name (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      Parsed parsed = { g_build_filename (folder_path, g_ptr_array_index (names, i), NULL), NULL, NULL, NULL };

      g_array_append_val (files, parsed);
    }
}

static GArray *
parsed_array_new (void)
{
  GArray *files = g_array_new (FALSE, TRUE, sizeof (Parsed));

  g_array_set_clear_func (files, (GDestroyNotify)parsed_clear);
  return files;
}

/* What the threads parsed, into the list, in order. */
static void
place_all (RhDeckLibrary *self,
           GArray        *files)
{
  for (guint i = 0; i < files->len; i++)
    {
      Parsed *parsed = &g_array_index (files, Parsed, i);
      g_autoptr(RhDeck) previous = NULL;
      guint position;

      /* Loaded meanwhile (the watch saw it change): that is newer. */
      if (find_path (self, parsed->path, &position) != NULL)
        continue;
      g_hash_table_insert (self->stamps, g_strdup (parsed->path), g_strdup (parsed->stamp));
      place_file (self, parsed->path, parsed->deck, parsed->error, &previous);
    }
  if (files->len > 0)
    changed (self);
}

/* The deck files of the folders at @paths, read and parsed: for a thread too. */
static GArray *
read_folders (const char * const *paths)
{
  GArray *files = parsed_array_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    read_folder (paths[i], files);
  parse_all (files);
  return files;
}

/* A folder of decks (it need not exist yet): every deck file in it now,
 * and, once rh_deck_library_watch() is called, every change. */
void
rh_deck_library_add_folder (RhDeckLibrary    *self,
                            const char       *path,
                            RhDeckSourceKind  kind)
{
  g_autoptr(GArray) files = NULL;
  Folder *folder;

  g_return_if_fail (RH_IS_DECK_LIBRARY (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (kind == RH_DECK_SOURCE_USER || kind == RH_DECK_SOURCE_SYSTEM);

  folder = register_folder (self, path, kind);
  files = read_folders ((const char * const[]) { folder->path, NULL });
  place_all (self, files);
}

/* Registers the learner's folder and everyone's; their paths. */
static GStrv
register_standard_folders (RhDeckLibrary *self)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "rehearse", "decks", NULL);
  const char * const *system = g_get_system_data_dirs ();

  g_strv_builder_add (paths, register_folder (self, user, RH_DECK_SOURCE_USER)->path);
  for (guint i = 0; system[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (system[i], "rehearse", "decks", NULL);

      g_strv_builder_add (paths, register_folder (self, path, RH_DECK_SOURCE_SYSTEM)->path);
    }
  return g_strv_builder_end (paths);
}

/* The learner's folder, $XDG_DATA_HOME/rehearse/decks, then rehearse/decks
 * under each of $XDG_DATA_DIRS (a deck installed for everyone). */
void
rh_deck_library_add_standard_folders (RhDeckLibrary *self)
{
  g_auto(GStrv) paths = NULL;
  g_autoptr(GArray) files = NULL;

  g_return_if_fail (RH_IS_DECK_LIBRARY (self));

  paths = register_standard_folders (self);
  files = read_folders ((const char * const *)paths);
  place_all (self, files);
}

static void
read_folders_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  g_task_return_pointer (task, read_folders (task_data), (GDestroyNotify)g_array_unref);
}

static void
folders_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RhDeckLibrary *self = RH_DECK_LIBRARY (object);
  g_autoptr(GArray) files = g_task_propagate_pointer (G_TASK (result), NULL);

  place_all (self, files);
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* As rh_deck_library_add_standard_folders(), with the files read and
 * parsed in threads: the built-in deck is studied meanwhile, and the others
 * join it ("changed") once they are all read.  "loading" is TRUE until then. */
void
rh_deck_library_add_standard_folders_in_background (RhDeckLibrary *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RH_IS_DECK_LIBRARY (self));

  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  task = g_task_new (self, NULL, folders_read_cb, NULL);
  g_task_set_task_data (task, register_standard_folders (self), (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, read_folders_in_thread);
}

/* Whether decks are still being read in the background. */
gboolean
rh_deck_library_get_loading (RhDeckLibrary *self)
{
  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), FALSE);
  return self->loading;
}

/* The learner's own deck folder (the first user folder added), or NULL. */
const char *
rh_deck_library_get_user_folder (RhDeckLibrary *self)
{
  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), NULL);

  for (guint i = 0; i < self->folders->len; i++)
    {
      Folder *folder = g_ptr_array_index (self->folders, i);

      if (folder->kind == RH_DECK_SOURCE_USER)
        return folder->path;
    }
  return NULL;
}

/* --- What changed, in a sentence ------------------------------------------- */

static void
count_difference (RhDeck *before,
                  RhDeck *after,
                  guint  *added,
                  guint  *removed)
{
  guint n_before, n_after;
  RhCard * const *old_cards = rh_deck_peek_cards (before, &n_before);
  RhCard * const *new_cards = rh_deck_peek_cards (after, &n_after);

  *added = *removed = 0;
  for (guint i = 0; i < n_after; i++)
    *added += rh_deck_lookup_card (before, rh_card_get_id (new_cards[i])) == NULL;
  for (guint i = 0; i < n_before; i++)
    *removed += rh_deck_lookup_card (after, rh_card_get_id (old_cards[i])) == NULL;
}

static char *
describe_update (RhDeckSource *source,
                 RhDeck       *previous)
{
  RhDeck *deck = rh_deck_source_get_deck (source);
  const GError *error = rh_deck_source_get_error (source);
  g_autofree char *name = rh_deck_source_dup_display_name (source);
  g_autofree char *added_text = NULL;
  g_autofree char *removed_text = NULL;
  guint added, removed;

  if (error != NULL && previous != NULL && deck == previous)
    return g_strdup_printf (_("%s could not be loaded again; the version before stays in use. %s"),
                            name, error->message);
  if (error != NULL)
    return g_strdup_printf (_("A deck could not be loaded: %s"), error->message);
  if (previous == NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s added: %u card", "%s added: %u cards",
                                         rh_deck_get_n_cards (deck)),
                            name, rh_deck_get_n_cards (deck));
  count_difference (previous, deck, &added, &removed);
  if (added == 0 && removed == 0)
    return g_strdup_printf (_("%s updated"), name);
  added_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new card", "%u new cards", added), added);
  if (removed == 0)
    /* Translators: "Platform Onboarding updated: 3 new cards" */
    return g_strdup_printf (_("%s updated: %s"), name, added_text);
  if (added == 0)
    removed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card removed", "%u cards removed", removed),
                                    removed);
  else
    removed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed", "%u removed", removed), removed);
  /* Translators: "Platform Onboarding updated: 3 new cards, 1 removed"
   * or "Platform Onboarding updated: 1 card removed" */
  return added == 0 ? g_strdup_printf (_("%s updated: %s"), name, removed_text)
                    : g_strdup_printf (_("%s updated: %s, %s"), name, added_text, removed_text);
}

static RhDeckSource *
reload (RhDeckLibrary *self,
        const char    *path,
        gboolean       announce)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autofree char *base = g_path_get_basename (canonical);
  g_autofree char *message = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(RhDeck) previous = NULL;
  RhDeckSource *source;
  guint rank, position;

  if (folder_of (self, canonical, &rank) == NULL || !is_deck_file_name (base))
    return NULL;
  source = find_path (self, canonical, &position);
  if (!g_file_test (canonical, G_FILE_TEST_EXISTS))
    {
      g_autoptr(RhDeckSource) gone = source != NULL ? g_object_ref (source) : NULL;
      g_autofree char *name = gone != NULL ? rh_deck_source_dup_display_name (gone) : NULL;

      g_hash_table_remove (self->stamps, canonical);
      if (gone == NULL)
        return NULL;
      g_list_store_remove (self->sources, position);
      changed (self);
      message = g_strdup_printf (_("%s was removed: its file is gone. Its progress is kept."), name);
      g_signal_emit (self, signals[DECK_UPDATED], 0, gone, message);
      return NULL;
    }
  /* A change already loaded (one write can be reported twice). */
  stamp = stamp_of (canonical);
  if (source != NULL && rh_deck_source_get_error (source) == NULL &&
      g_strcmp0 (stamp, g_hash_table_lookup (self->stamps, canonical)) == 0)
    return source;
  source = load_file (self, canonical, &previous);
  changed (self);
  if (announce)
    {
      message = describe_update (source, previous);
      g_signal_emit (self, signals[DECK_UPDATED], 0, source, message);
    }
  return source;
}

/* Loads @path again (a file of one of the library's folders): a new deck is
 * added, a changed one replaced (its progress is kept by card id), a deleted
 * one dropped.  Returns its source, or NULL when the file is gone or not a
 * deck file; "deck-updated" says what happened. */
RhDeckSource *
rh_deck_library_reload_file (RhDeckLibrary *self,
                             const char    *path)
{
  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return reload (self, path, TRUE);
}

/* --- Watching the folders -------------------------------------------------- */

static gboolean
reload_pending_cb (gpointer user_data)
{
  RhDeckLibrary *self = user_data;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer path;

  self->pending_id = 0;
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    {
      g_ptr_array_add (paths, path);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (paths, compare_names);
  for (guint i = 0; i < paths->len; i++)
    rh_deck_library_reload_file (self, g_ptr_array_index (paths, i));
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (RhDeckLibrary *self,
                 GFile         *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : NULL;

  if (path == NULL || !is_deck_file_name (base))
    return;
  g_hash_table_add (self->pending, g_steal_pointer (&path));
  /* Each change pushes the reload back: once the writing stops. */
  g_clear_handle_id (&self->pending_id, g_source_remove);
  self->pending_id = g_timeout_add (RELOAD_DELAY_MS, reload_pending_cb, self);
}

static void
recheck_folder (RhDeckLibrary *self,
                Folder        *folder)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
    {
      RhDeckSource *source = peek_source (self, i);
      const char *location = rh_deck_source_get_location (source);
      g_autofree char *dir = location != NULL ? g_path_get_dirname (location) : NULL;
      g_autoptr(GFile) file = NULL;

      if (rh_deck_source_get_kind (source) == RH_DECK_SOURCE_BUILT_IN || g_strcmp0 (dir, folder->path) != 0)
        continue;
      file = g_file_new_for_path (location);
      schedule_reload (self, file);
    }
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   gpointer           user_data)
{
  RhDeckLibrary *self = g_object_get_data (G_OBJECT (monitor), "rh-deck-library");
  Folder *folder = user_data;
  g_autofree char *path = g_file_get_path (file);

  /* The folder itself deleted or moved away: each of its decks is looked
   * at again (their files are gone with it). */
  if (g_strcmp0 (path, folder->path) == 0)
    {
      recheck_folder (self, folder);
      return;
    }
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:   /* made readable, say */
      schedule_reload (self, file);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      schedule_reload (self, file);
      schedule_reload (self, other);
      break;
    default:
      break;
    }
}

/* Watches every folder from now on.  The learner's folder is made when it
 * is missing, so that a deck put there later is seen. */
void
rh_deck_library_watch (RhDeckLibrary *self)
{
  g_return_if_fail (RH_IS_DECK_LIBRARY (self));

  for (guint i = 0; i < self->folders->len; i++)
    {
      Folder *folder = g_ptr_array_index (self->folders, i);
      g_autoptr(GFile) dir = g_file_new_for_path (folder->path);
      g_autoptr(GError) error = NULL;

      if (folder->monitor != NULL)
        continue;
      if (folder->kind == RH_DECK_SOURCE_USER)
        g_mkdir_with_parents (folder->path, 0700);
      if (!g_file_test (folder->path, G_FILE_TEST_IS_DIR))
        continue;
      folder->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (folder->monitor == NULL)
        {
          g_warning ("Cannot watch the deck folder %s: %s", folder->path, error->message);
          continue;
        }
      g_object_set_data (G_OBJECT (folder->monitor), "rh-deck-library", self);
      g_signal_connect (folder->monitor, "changed", G_CALLBACK (folder_changed_cb), folder);
    }
}

/* --- Adding ---------------------------------------------------------------- */

/* Adding a deck the learner removed brings it back, if it is the same deck
 * (the file it was added as, byte for byte); another version is refused,
 * naming both files, rather than one of them silently kept. */
static RhDeckSource *
bring_back (RhDeckLibrary  *self,
            RhDeckSource   *source,
            const char     *path,
            GBytes         *xml,
            gboolean       *brought_back,
            GError        **error)
{
  const char *location = rh_deck_source_get_location (source);
  RhDeck *deck = rh_deck_source_get_deck (source);
  g_autofree char *contents = NULL;
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *where = describe_location (source);
  gsize length = 0;

  if (rh_deck_source_get_kind (source) == RH_DECK_SOURCE_MEMORY ||
      (rh_deck_source_get_kind (source) != RH_DECK_SOURCE_BUILT_IN &&
       g_file_get_contents (location, &contents, &length, NULL) &&
       length == g_bytes_get_size (xml) && memcmp (contents, g_bytes_get_data (xml, NULL), length) == 0))
    {
      rh_deck_library_set_deck_hidden (self, rh_deck_get_id (deck), FALSE);
      *brought_back = TRUE;
      return source;
    }
  g_set_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_EXISTS,
               _("%s: the deck “%s” you removed (%s) has other cards; switch it back on in Preferences, or "
                 "delete its file to add this one"),
               name, rh_deck_get_id (deck), where);
  return NULL;
}

/* Adds the deck (or the CSV, TSV or Anki list of cards, converted and
 * titled @title) at @path to the learner's deck folder and loads it.  A deck
 * the learner removed comes back instead (*brought_back), with its
 * progress.  Refused, with the file and the line, when the file is not a
 * deck or a deck in use has its id.  @notice: what a conversion wants the
 * learner to know, or NULL. */
RhDeckSource *
rh_deck_library_add_file (RhDeckLibrary  *self,
                          const char     *path,
                          const char     *title,
                          char          **notice,
                          gboolean       *brought_back,
                          GError        **error)
{
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *written = NULL;
  const char *folder;
  RhDeckSource *source;

  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (brought_back != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *brought_back = FALSE;
  folder = rh_deck_library_get_user_folder (self);
  g_return_val_if_fail (folder != NULL, NULL);
  deck = rh_deck_import_load (path, title, &xml, NULL, error);
  if (deck == NULL)
    return NULL;
  source = rh_deck_library_lookup (self, rh_deck_get_id (deck));
  if (source != NULL && rh_deck_source_get_hidden (source))
    return bring_back (self, source, path, xml, brought_back, error);
  if (!rh_deck_import_add (path, title, folder, &written, notice, error))
    return NULL;
  /* Removed once, its file deleted since: the deck added is in use. */
  rh_deck_library_set_deck_hidden (self, rh_deck_get_id (deck), FALSE);
  /* The caller says it was added; the folder's watch finds it loaded. */
  return reload (self, written, FALSE);
}

/* --- Removed decks ---------------------------------------------------------- */

const char * const *
rh_deck_library_get_hidden_decks (RhDeckLibrary *self)
{
  g_return_val_if_fail (RH_IS_DECK_LIBRARY (self), NULL);
  return (const char * const *)self->hidden;
}

void
rh_deck_library_set_hidden_decks (RhDeckLibrary      *self,
                                  const char * const *deck_ids)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (RH_IS_DECK_LIBRARY (self));

  if (deck_ids == NULL)
    deck_ids = none;
  if (g_strv_equal ((const char * const *)self->hidden, deck_ids))
    return;
  g_strfreev (self->hidden);
  self->hidden = g_strdupv ((char **)deck_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_DECKS]);
  changed (self);
}

/* Removes a deck from the collection (its file and progress stay), or
 * brings it back. */
void
rh_deck_library_set_deck_hidden (RhDeckLibrary *self,
                                 const char    *deck_id,
                                 gboolean       hidden)
{
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (RH_IS_DECK_LIBRARY (self));
  g_return_if_fail (deck_id != NULL);

  ids = hidden_with (self, deck_id, hidden);
  rh_deck_library_set_hidden_decks (self, (const char * const *)ids);
}
