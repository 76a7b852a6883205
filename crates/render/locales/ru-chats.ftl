## Чаты: комнаты изданий в реальном времени и их модерация.

chat-rooms-title = Чаты
chat-rooms-intro = Обсуждайте новости с другими читателями, пока они происходят.
chat-rooms-empty = Комнат пока нет.
chat-room-closed = Комната закрыта: читать можно, писать нельзя.
chat-room-open = Открыта
chat-presence = { $count ->
    [0] Сейчас здесь никого
    [one] Здесь { $count } человек
    [few] Здесь { $count } человека
   *[other] Здесь { $count } человек
}
chat-messages = Сообщения
chat-empty = Сообщений пока нет. Поздоровайтесь.
chat-older = Более ранние сообщения
chat-newest = Новые сообщения
chat-former-reader = Бывший читатель
chat-your-message = Ваше сообщение
chat-send = Отправить
chat-signed-in-as = Вы вошли как { $name }
chat-slow-mode = Медленный режим: одно сообщение раз в { $seconds } с.
chat-prompt-start = Чтобы писать здесь,
chat-login = войдите
chat-or = или
chat-register = зарегистрируйтесь
chat-prompt-end = .
chat-confirm = Нажмите «Отправить» ещё раз, чтобы подтвердить сообщение.
chat-live = В эфире: новые сообщения появляются сразу.
chat-offline = Соединение потеряно. Подключаемся снова…
chat-all-rooms = Все чаты
chat-room-closed-short = Закрыта
chat-room-last-today = Последнее сообщение сегодня в { $time }
chat-room-last-day = Последнее сообщение: { $date }
chat-room-quiet = Сообщений пока нет
# Как читается разделитель дней в ленте (шаблон в духе strftime, см. dates.rs).
chat-day-pattern = %A, %e %B %Y
chat-unread = Новое с вашего прошлого визита
chat-jump = Новые сообщения
chat-placeholder = Напишите сообщение…
chat-keys = Enter — отправить, Shift+Enter — новая строка.
chat-refused-sign-in = Войдите, чтобы писать в этом чате.
chat-refused-email-unverified = Подтвердите адрес электронной почты, прежде чем писать в чатах.
chat-refused-reader-suspended = Ваша учётная запись заблокирована до { $until }. Причина: { $reason }
chat-refused-reader-banned = Вам запрещено писать на сайте. Причина: { $reason }
chat-refused-chat-muted = Вам запрещено писать в чатах до { $until }. Причина: { $reason }
chat-refused-chat-banned = Вам запрещено писать в чатах. Причина: { $reason }
chat-refused-room-closed = Эта комната закрыта.
chat-refused-message-empty = Сначала напишите что-нибудь.
chat-refused-message-too-long = В сообщении не больше { $max } символов.
chat-refused-forbidden-character = В сообщении есть невидимый управляющий символ. Удалите его и отправьте снова.
chat-refused-banned-word = В сообщении есть недопустимое слово: «{ $word }». Пожалуйста, переформулируйте.
chat-refused-too-many-links = Слишком много ссылок ({ $count }): в сообщении не больше двух.
chat-refused-rate-limited = Вы отправляете сообщения слишком часто. Подождите несколько секунд.
chat-refused-slow-mode = Включён медленный режим: писать снова можно через { $seconds } с.
chat-refused-malformed-frame = Это не удалось прочитать; ничего не отправлено.
chat-refused-frame-too-large = Сообщение слишком большое.
chat-refused-unavailable = Сейчас сообщение отправить не удалось. Попробуйте ещё раз.
chat-refused-too-many-sockets = Открыто слишком много окон чата (не больше { $max }). Закройте одно из них, и это подключится само.

nr-chats = Чаты
nr-chats-rooms = Комнаты
nr-chats-edition = Издание
nr-chats-slug = Адрес (slug)
nr-chats-title = Название
nr-chats-description = Описание
nr-chats-slow-mode = Медленный режим (секунд между сообщениями читателя, 0 — выключен)
nr-chats-open = Открыта для сообщений
nr-chats-position = Место в списке
nr-chats-create = Создать комнату
nr-chats-save = Сохранить
nr-chats-new-room = Новая комната
nr-chats-recent = Последние сообщения
nr-chats-room = Комната
nr-chats-author = Автор
nr-chats-message = Сообщение
nr-chats-when = Когда
nr-chats-actions = Действия
nr-chats-deleted = удалено
nr-chats-delete = Удалить
nr-chats-mute = Заглушить
nr-chats-mute-minutes = Минут
nr-chats-ban = Запретить писать в чатах
nr-chats-reason = Причина
nr-chats-sanctions = Заглушённые и заблокированные читатели
nr-chats-sanction-mute = заглушён до { $until }
nr-chats-sanction-ban = заблокирован
nr-chats-lift = Снять
nr-chats-none = Здесь ничего нет.
nr-chats-older = Более ранние сообщения
