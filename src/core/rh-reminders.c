/* rh-reminders.c: notifications that bring due cards back
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decides when a reminder is due and what it says, and sends it as a
 * GNotification of the application: the desktop form of the deck's
 * "messages".  The rules:
 *   - a reminder when cards are due (learning and review cards due today,
 *     within the daily limits: the sidebar's "due"), the first one as soon
 *     as there are any;
 *   - another only when more have become due since, and at least
 *     interval-hours after the last (Later snoozes one interval);
 *   - never in quiet hours, never while a window has the focus (what the
 *     window shows counts as seen), withdrawn as soon as nothing is due;
 *   - times are the clock's wall time, looked at on every tick (at least
 *     once a minute): after a suspend or a time-zone change the local hour
 *     is right; a clock set back restarts the interval rather than
 *     silencing reminders, and one set forward sends one reminder, not a
 *     burst.
 * Data that cannot be read is said once, not at every tick.
 */
#define G_LOG_DOMAIN "rehearse-reminders"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-property-private.h"
#include "rh-collection-private.h"
#include "rh-reminders.h"

/* The question in a notification's body: a line or two. */
#define QUESTION_MAX_CHARS 200
/* Topics named in the summary's body; the rest are counted. */
#define SUMMARY_MAX_TOPICS 3

struct _RhReminders {
  GObject parent_instance;

  GApplication *application;   /* weak: it owns this object */
  RhCollection *collection;

  gboolean enabled;
  int interval_hours;
  int quiet_start;
  int quiet_end;
  char *style;
  gboolean suppressed;

  gint64 last_sent;            /* the last reminder (or the last look at the window); 0: none */
  guint last_count;            /* due then, lowered as cards are studied */
  gboolean shown;
  gboolean error_shown;
  char *card_id;               /* the question reminder's card */
  guint idle_id;
};

G_DEFINE_FINAL_TYPE (RhReminders, rh_reminders, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_INTERVAL_HOURS,
  PROP_QUIET_HOURS_START,
  PROP_QUIET_HOURS_END,
  PROP_STYLE,
  PROP_SUPPRESSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
check_idle_cb (gpointer data)
{
  RhReminders *self = data;

  self->idle_id = 0;
  rh_reminders_check (self);
  return G_SOURCE_REMOVE;
}

/* Many changes at once (a tick, counts, a setting) make one check. */
static void
queue_check (RhReminders *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (check_idle_cb, self);
}

static void
withdraw (RhReminders *self,
          const char  *id)
{
  if (self->application != NULL && g_application_get_is_registered (self->application))
    g_application_withdraw_notification (self->application, id);
}

static void
send (RhReminders   *self,
      const char    *id,
      GNotification *notification)
{
  if (self->application != NULL && g_application_get_is_registered (self->application))
    g_application_send_notification (self->application, id, notification);
}

static void
withdraw_reminder (RhReminders *self)
{
  if (self->shown)
    withdraw (self, RH_REMINDERS_NOTIFICATION);
  self->shown = FALSE;
  g_clear_pointer (&self->card_id, g_free);
}

/* --- What it says ------------------------------------------------------------ */

/* "Concurrency, threading, ... and the GIL" is "Concurrency" here. */
static char *
short_topic_title (RhTopic *topic)
{
  const char *title = rh_topic_get_title (topic);
  const char *comma = strchr (title, ',');

  return comma != NULL ? g_strndup (title, (gsize)(comma - title)) : g_strdup (title);
}

typedef struct {
  guint position;
  guint due;
} TopicDue;

static int
compare_topic_due (gconstpointer a,
                   gconstpointer b)
{
  const TopicDue *x = a, *y = b;

  if (x->due != y->due)
    return x->due > y->due ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

/* "Concurrency 3, Databases 2, Security 2", most due first. */
static char *
summary_body (RhDeck      *deck,
              const guint *per_topic)
{
  GListModel *topics = rh_deck_get_topics (deck);
  guint n_topics = g_list_model_get_n_items (topics);
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (TopicDue));
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < n_topics; i++)
    {
      TopicDue entry = { i, per_topic[i] };

      if (entry.due > 0)
        g_array_append_val (due, entry);
    }
  g_array_sort (due, compare_topic_due);
  for (guint i = 0; i < MIN (due->len, SUMMARY_MAX_TOPICS); i++)
    {
      TopicDue *entry = &g_array_index (due, TopicDue, i);
      g_autoptr(RhTopic) topic = g_list_model_get_item (topics, entry->position);
      g_autofree char *title = short_topic_title (topic);

      if (i > 0)
        g_string_append (body, ", ");
      /* Translators: a topic and how many of its cards are due, as in "Concurrency 3" */
      g_string_append_printf (body, C_("reminder", "%s %u"), title, entry->due);
    }
  if (due->len > SUMMARY_MAX_TOPICS)
    {
      guint more = due->len - SUMMARY_MAX_TOPICS;

      g_string_append (body, ", ");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more topic", "and %u more topics", more),
                              more);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* The due cards today's limits let through: what Study Now shows. */
static guint
count_studiable (RhReminders *self,
                 RhDeck      *deck)
{
  RhCounts today;

  rh_collection_count_scope (self->collection, deck, NULL, &today);
  return today.n_learning + today.n_review;
}

/* When the daily review limit leaves some of the due cards for later. */
static char *
limit_note (guint due,
            guint studiable)
{
  if (studiable >= due)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Today's limit lets you study %u of them.",
                                       "Today's limit lets you study %u of them.", studiable), studiable);
}

static char *
shorten (const char *text,
         glong       max_chars)
{
  const char *end;
  const char *space;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  end = g_utf8_offset_to_pointer (text, max_chars);
  space = g_utf8_strrchr (text, end - text, ' ');
  return g_strdup_printf ("%.*s…", (int)((space != NULL ? space : end) - text), text);
}

/* @card: the due card that has waited longest, for the question style. */
static GNotification *
make_reminder (RhReminders *self,
               RhDeck      *deck,
               const guint *per_topic,
               guint        due,
               guint        studiable,
               RhCard      *card)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card is due", "%u cards are due", due), due);
  GNotification *notification = g_notification_new (title);

  if (!g_str_equal (self->style, "question"))
    card = NULL;
  g_clear_pointer (&self->card_id, g_free);
  if (card != NULL)
    {
      g_autofree char *question = shorten (rh_card_get_question (card), QUESTION_MAX_CHARS);

      self->card_id = g_strdup (rh_card_get_id (card));
      g_notification_set_body (notification, question);
      g_notification_set_default_action_and_target (notification, "app.study-card", "s", self->card_id);
      g_notification_add_button_with_target (notification, _("Show Answer"), "app.study-card", "s", self->card_id);
    }
  else
    {
      g_autofree char *body = summary_body (deck, per_topic);
      g_autofree char *limited = limit_note (due, studiable);

      if (limited != NULL)
        {
          g_autofree char *both = g_strconcat (body, "\n", limited, NULL);

          g_free (body);
          body = g_steal_pointer (&both);
        }
      g_notification_set_body (notification, body);
      g_notification_set_default_action (notification, "app.study-due");
      g_notification_add_button (notification, _("Study Now"), "app.study-due");
    }
  g_notification_add_button (notification, _("Later"), "app.snooze-reminders");
  return notification;
}

/* --- When -------------------------------------------------------------------- */

/* Quiet hours from @quiet_start up to @quiet_end, in the clock's local
 * time; they may span midnight; equal hours mean none. */
gboolean
rh_reminders_is_quiet (RhReminders *self,
                       gint64       unix_time)
{
  RhClock *clock;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int hour;

  g_return_val_if_fail (RH_IS_REMINDERS (self), FALSE);

  if (self->quiet_start == self->quiet_end)
    return FALSE;
  clock = rh_collection_get_clock (self->collection);
  utc = g_date_time_new_from_unix_utc (unix_time);
  local = utc != NULL ? g_date_time_to_timezone (utc, rh_clock_get_timezone (clock)) : NULL;
  if (local == NULL)
    return FALSE;
  hour = g_date_time_get_hour (local);
  if (self->quiet_start < self->quiet_end)
    return hour >= self->quiet_start && hour < self->quiet_end;
  return hour >= self->quiet_start || hour < self->quiet_end;
}

/* Cards due, per topic and in all: learning and review cards due before
 * the study day ends, daily limits aside (a backlog above the limit is
 * still due, and more becoming due is still news).  New cards wait for
 * the learner; they are not a reason to remind.  @most_overdue, if not
 * NULL, gets the due card that has waited longest. */
static guint
count_due (RhReminders  *self,
           RhDeck       *deck,
           guint        *per_topic,
           RhCard      **most_overdue)
{
  const RhStoredCard * const *states = rh_collection_peek_states (self->collection, deck);
  const guint *card_topics = rh_deck_peek_card_topics (deck);
  gint64 day_end = rh_collection_day_end (self->collection);
  RhCard * const *cards;
  gint64 oldest = G_MAXINT64;
  guint n_cards, due = 0;

  cards = rh_deck_peek_cards (deck, &n_cards);
  for (guint i = 0; i < n_cards; i++)
    {
      RhDueClass due_class = rh_card_classify (states[i], day_end);

      if (due_class != RH_DUE_LEARNING && due_class != RH_DUE_REVIEW)
        continue;
      per_topic[card_topics[i]]++;
      due++;
      if (most_overdue != NULL && states[i]->state.due < oldest)
        {
          *most_overdue = cards[i];
          oldest = states[i]->state.due;
        }
    }
  return due;
}

guint
rh_reminders_count_due (RhReminders *self)
{
  RhDeck *deck;
  g_autofree guint *per_topic = NULL;

  g_return_val_if_fail (RH_IS_REMINDERS (self), 0);

  deck = rh_collection_get_deck (self->collection);
  if (deck == NULL || !rh_collection_is_open (self->collection))
    return 0;
  per_topic = g_new0 (guint, MAX (g_list_model_get_n_items (rh_deck_get_topics (deck)), 1));
  return count_due (self, deck, per_topic, NULL);
}

/* Whether a notification would reach anyone: a daemon on the bus (or one
 * the bus can start), or the portal inside Flatpak.  At login the daemon
 * may come after Rehearse; a reminder sent into the void would count as
 * sent and never come again. */
static gboolean
can_notify (RhReminders *self)
{
  const char *names[] = { "org.freedesktop.Notifications", "org.gtk.Notifications" };
  GDBusConnection *bus;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **listed = NULL;

  if (self->application == NULL || !g_application_get_is_registered (self->application))
    return FALSE;
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return TRUE;
  bus = g_application_get_dbus_connection (self->application);
  if (bus == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GVariant) owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", names[i]), G_VARIANT_TYPE ("(b)"),
                                                               G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
      gboolean has_owner = FALSE;

      if (owned != NULL)
        g_variant_get (owned, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
    }
  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                             G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (activatable == NULL)
    return FALSE;
  g_variant_get (activatable, "(^a&s)", &listed);
  return g_strv_contains (listed, names[0]);
}

/* Once per failure, outside quiet hours: the data cannot be read.  Its
 * action opens the window, whose error page offers the way on (Try Again
 * for a file in use): trying again from here could wait on another
 * program's lock on the main thread, and race the window's own dialog. */
static void
say_store_error (RhReminders *self,
                 gint64       now)
{
  const GError *error = rh_collection_get_store_error (self->collection);
  g_autoptr(GNotification) notification = NULL;

  withdraw_reminder (self);
  if (self->error_shown || self->suppressed || rh_reminders_is_quiet (self, now) || !can_notify (self))
    return;
  notification = g_notification_new (_("Rehearse Cannot Read Your Study Data"));
  g_notification_set_body (notification, error != NULL ? error->message : NULL);
  g_notification_set_default_action (notification, "app.show-window");
  g_notification_add_button (notification, _("Open Rehearse"), "app.show-window");
  send (self, RH_REMINDERS_ERROR_NOTIFICATION, notification);
  self->error_shown = TRUE;
}

static void
withdraw_all (RhReminders *self)
{
  withdraw_reminder (self);
  if (self->error_shown)
    withdraw (self, RH_REMINDERS_ERROR_NOTIFICATION);
  self->error_shown = FALSE;
}

/* Whether a reminder of @due cards may go out now. */
static gboolean
may_send (RhReminders *self,
          guint        due,
          gint64       now)
{
  if (self->suppressed)
    {
      /* What the window shows has been seen: only more than that, an
       * interval from now, is worth a reminder. */
      withdraw_reminder (self);
      self->last_sent = now;
      self->last_count = due;
      return FALSE;
    }
  /* Set back (a wrong clock corrected, a time zone crossed): the
   * interval starts again now. */
  if (self->last_sent > now)
    self->last_sent = now;
  if (rh_reminders_is_quiet (self, now))
    return FALSE;
  if (self->last_sent != 0 && now - self->last_sent < (gint64)self->interval_hours * 3600)
    return FALSE;
  return due > self->last_count && can_notify (self);
}

/* Looks at the collection and the time, and sends, replaces or withdraws
 * the reminder.  Runs on every tick and change; call it to look now. */
void
rh_reminders_check (RhReminders *self)
{
  RhDeck *deck;
  g_autofree guint *per_topic = NULL;
  g_autoptr(GNotification) notification = NULL;
  RhCard *most_overdue = NULL;
  gint64 now;
  guint due, studiable;

  g_return_if_fail (RH_IS_REMINDERS (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  deck = rh_collection_get_deck (self->collection);
  if (!self->enabled || deck == NULL)
    {
      withdraw_all (self);
      return;
    }
  now = rh_collection_now (self->collection);
  if (!rh_collection_is_open (self->collection))
    {
      say_store_error (self, now);
      return;
    }
  if (self->error_shown)
    withdraw (self, RH_REMINDERS_ERROR_NOTIFICATION);
  self->error_shown = FALSE;

  per_topic = g_new0 (guint, MAX (g_list_model_get_n_items (rh_deck_get_topics (deck)), 1));
  due = count_due (self, deck, per_topic, &most_overdue);
  studiable = due > 0 ? count_studiable (self, deck) : 0;
  self->last_count = MIN (self->last_count, due);
  /* Due, but today's limits let none of them be studied: nothing to do now. */
  if (studiable == 0)
    {
      withdraw_reminder (self);
      return;
    }
  if (!may_send (self, due, now))
    return;
  notification = make_reminder (self, deck, per_topic, due, studiable, most_overdue);
  send (self, RH_REMINDERS_NOTIFICATION, notification);
  self->shown = TRUE;
  self->last_sent = now;
  self->last_count = due;
}

/* "Later": the reminder goes, and comes back an interval from now even
 * if no more cards have become due. */
void
rh_reminders_snooze (RhReminders *self)
{
  g_return_if_fail (RH_IS_REMINDERS (self));

  withdraw_reminder (self);
  self->last_sent = rh_collection_now (self->collection);
  self->last_count = 0;
}

gboolean
rh_reminders_is_shown (RhReminders *self)
{
  g_return_val_if_fail (RH_IS_REMINDERS (self), FALSE);
  return self->shown;
}

/* The card of the reminder shown in the question style, or NULL. */
const char *
rh_reminders_get_card_id (RhReminders *self)
{
  g_return_val_if_fail (RH_IS_REMINDERS (self), NULL);
  return self->card_id;
}

/* --- The object -------------------------------------------------------------- */

static void
rh_reminders_dispose (GObject *object)
{
  RhReminders *self = (RhReminders *)object;

  /* Their buttons would reach no one once this is gone. */
  withdraw_all (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->collection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->collection, self);
      g_signal_handlers_disconnect_by_data (rh_collection_get_clock (self->collection), self);
    }
  g_clear_object (&self->collection);
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *)&self->application);
  self->application = NULL;

  G_OBJECT_CLASS (rh_reminders_parent_class)->dispose (object);
}

static void
rh_reminders_finalize (GObject *object)
{
  RhReminders *self = (RhReminders *)object;

  g_free (self->style);
  g_free (self->card_id);

  G_OBJECT_CLASS (rh_reminders_parent_class)->finalize (object);
}

static void
rh_reminders_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhReminders *self = RH_REMINDERS (object);

  switch (prop_id)
    {
    case PROP_ENABLED: g_value_set_boolean (value, self->enabled); break;
    case PROP_INTERVAL_HOURS: g_value_set_int (value, self->interval_hours); break;
    case PROP_QUIET_HOURS_START: g_value_set_int (value, self->quiet_start); break;
    case PROP_QUIET_HOURS_END: g_value_set_int (value, self->quiet_end); break;
    case PROP_STYLE: g_value_set_string (value, self->style); break;
    case PROP_SUPPRESSED: g_value_set_boolean (value, self->suppressed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
set_style (RhReminders  *self,
           const GValue *value)
{
  const char *style = g_value_get_string (value);

  if (g_strcmp0 (style, "question") != 0)
    style = "summary";
  if (g_strcmp0 (self->style, style) == 0)
    return FALSE;
  g_free (self->style);
  self->style = g_strdup (style);
  return TRUE;
}

static void
rh_reminders_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhReminders *self = RH_REMINDERS (object);
  gboolean changed;

  switch (prop_id)
    {
    case PROP_ENABLED:
      changed = rh_property_set_boolean (&self->enabled, value);
      /* Turned on again: what is due now is news again. */
      if (changed && self->enabled)
        self->last_sent = self->last_count = 0;
      break;
    case PROP_INTERVAL_HOURS: changed = rh_property_set_int (&self->interval_hours, value); break;
    case PROP_QUIET_HOURS_START: changed = rh_property_set_int (&self->quiet_start, value); break;
    case PROP_QUIET_HOURS_END: changed = rh_property_set_int (&self->quiet_end, value); break;
    case PROP_STYLE: changed = set_style (self, value); break;
    case PROP_SUPPRESSED: changed = rh_property_set_boolean (&self->suppressed, value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec); return;
    }
  if (!changed)
    return;
  g_object_notify_by_pspec (object, pspec);
  queue_check (self);
}

static void
rh_reminders_class_init (RhRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rh_reminders_dispose;
  object_class->finalize = rh_reminders_finalize;
  object_class->get_property = rh_reminders_get_property;
  object_class->set_property = rh_reminders_set_property;

  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, flags);
  properties[PROP_INTERVAL_HOURS] = g_param_spec_int ("interval-hours", NULL, NULL, 1, 24, 3, flags);
  properties[PROP_QUIET_HOURS_START] = g_param_spec_int ("quiet-hours-start", NULL, NULL, 0, 23, 22, flags);
  properties[PROP_QUIET_HOURS_END] = g_param_spec_int ("quiet-hours-end", NULL, NULL, 0, 23, 8, flags);
  properties[PROP_STYLE] = g_param_spec_string ("style", NULL, NULL, "summary", flags);
  /* A window has the focus: no reminder, and what it shows counts as seen. */
  properties[PROP_SUPPRESSED] = g_param_spec_boolean ("suppressed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_reminders_init (RhReminders *self)
{
  self->interval_hours = 3;
  self->quiet_start = 22;
  self->quiet_end = 8;
  self->style = g_strdup ("summary");
}

/* Reminders for @collection, sent as @application's notifications (it
 * must be registered to send them; it is not referenced). */
RhReminders *
rh_reminders_new (GApplication *application,
                  RhCollection *collection)
{
  RhReminders *self;
  const char *checked_on[] = { "counts-changed", "store-opened", "store-failed", "day-changed" };

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RH_IS_COLLECTION (collection), NULL);

  self = g_object_new (RH_TYPE_REMINDERS, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *)&self->application);
  self->collection = g_object_ref (collection);
  for (guint i = 0; i < G_N_ELEMENTS (checked_on); i++)
    g_signal_connect_object (collection, checked_on[i], G_CALLBACK (queue_check), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rh_collection_get_clock (collection), "tick", G_CALLBACK (queue_check), self,
                           G_CONNECT_SWAPPED);
  return self;
}
