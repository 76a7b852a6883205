## Comments under articles and their moderation.

comments-page-title = Комментарии: { $headline }
comments-page-description = Что читатели говорят о материале «{ $headline }» — присоединяйтесь к обсуждению.
comments-all = Все комментарии
comments-empty = Комментариев пока нет. Будьте первым.
comments-closed = Обсуждение этого материала закрыто.
comment-your-comment = Ваш комментарий
comment-markdown-hint = Можно использовать *курсив*, **полужирный**, `код`, > цитаты, списки и [ссылки](https://example.org).
comment-send = Отправить
comment-signed-in-as = Вы вошли как { $name }
comment-sort-label = Порядок комментариев
comment-sort-newest = Сначала новые
comment-sort-oldest = Сначала старые
comment-sort-replies = Больше ответов
comment-sort-liked = Больше отметок
comment-first-page = В начало
comment-more = Ещё комментарии
comment-more-replies = { $count ->
    [one] Ещё { $count } ответ в этой ветке
    [few] Ещё { $count } ответа в этой ветке
    [many] Ещё { $count } ответов в этой ветке
   *[other] Ещё { $count } ответа в этой ветке
}
comment-erased = Автор удалил этот комментарий.
comment-edited = изменён
comment-likes = { $count ->
    [one] { $count } отметка «нравится»
    [few] { $count } отметки «нравится»
    [many] { $count } отметок «нравится»
   *[other] { $count } отметки «нравится»
}
comment-like = Нравится
comment-liked = Вам нравится
comment-reply = Ответить
comment-reply-label = Ответ для { $name }
comment-edit = Изменить
comment-edit-label = Ваш комментарий
comment-save = Сохранить
comment-delete = Удалить
comment-report = Пожаловаться
comment-report-why = Почему вы жалуетесь на этот комментарий?
comment-report-reason-spam = Спам или реклама
comment-report-reason-abuse = Оскорбления или травля
comment-report-reason-off_topic = Не по теме
comment-report-reason-misinformation = Ложная информация
comment-report-reason-other = Другое
comment-report-note = Что нужно знать модераторам (необязательно)
comment-report-send = Отправить жалобу
comment-you = вы
comment-edit-left = { $minutes ->
    [one] Изменить его можно ещё { $minutes } минуту.
    [few] Изменить его можно ещё { $minutes } минуты.
    [many] Изменить его можно ещё { $minutes } минут.
   *[other] Изменить его можно ещё { $minutes } минуты.
}
comment-pages-label = Ещё комментарии
comment-login-to-send = Перед отправкой нужно будет войти; написанное сохранится.
comment-moderation-pre = Все комментарии к этому материалу публикуются после проверки модератором.
comment-moderation-new-account = { $hours ->
    [one] Если учётная запись создана меньше { $hours } часа назад, ваши комментарии появятся после проверки модератором.
    [few] Если учётная запись создана меньше { $hours } часов назад, ваши комментарии появятся после проверки модератором.
    [many] Если учётная запись создана меньше { $hours } часов назад, ваши комментарии появятся после проверки модератором.
   *[other] Если учётная запись создана меньше { $hours } часа назад, ваши комментарии появятся после проверки модератором.
}
comment-moderation-yours = Ваша учётная запись новая: до { $until } ваши комментарии публикуются после проверки модератором.

comment-done-published = Ваш комментарий опубликован.
comment-done-pending = Спасибо. Комментарий появится после проверки модератором.
comment-done-edited = Комментарий изменён.
comment-done-edited-pending = Комментарий изменён. Он снова появится после проверки модератором.
comment-done-deleted = Комментарий удалён.
comment-done-liked = Спасибо за отметку.
comment-done-reported = Спасибо. Модераторы проверят этот комментарий.
comment-done-confirm-like = Чтобы отметить комментарий, нажмите «Нравится» ещё раз.

comment-sign-in-first = Войдите, чтобы отправить комментарий. Ваш текст ниже, его можно скопировать.
comment-confirm = Проверьте комментарий и отправьте его ещё раз.
comment-reply-gone = Комментарий, на который вы отвечали, больше недоступен.
comment-edit-closed = Этот комментарий уже нельзя изменить.
comment-refused-comment-empty = Напишите что-нибудь перед отправкой.
comment-refused-comment-too-long = Комментарий слишком длинный: не больше 4000 знаков.
comment-refused-comments-closed = Обсуждение этого материала закрыто.
comment-refused-email-unverified = Подтвердите адрес электронной почты, чтобы комментировать: перейдите по ссылке из письма.
comment-refused-reader-suspended = Ваша учётная запись заблокирована до { $until }. Причина: { $reason }
comment-refused-reader-banned = Вам запрещено комментировать. Причина: { $reason }
comment-refused-banned-word = В комментарии есть недопустимое слово: «{ $word }». Пожалуйста, переформулируйте.
comment-refused-too-many-links = { $count ->
    [one] В комментарии { $count } ссылка; не больше двух, пожалуйста.
    [few] В комментарии { $count } ссылки; не больше двух, пожалуйста.
    [many] В комментарии { $count } ссылок; не больше двух, пожалуйста.
   *[other] В комментарии { $count } ссылки; не больше двух, пожалуйста.
}
comment-refused-repeated-comment = Вы уже отправляли этот комментарий.
comment-refused-comment-rate-limited = Вы пишете слишком часто. Подождите несколько минут.

mail-comment-rejected-subject = Ваш комментарий не опубликован
mail-comment-rejected-text = Модератор не опубликовал ваш комментарий к материалу «{ $headline }».
mail-comment-rejected-reason = Причина: { $reason }
mail-comment-rejected-your-text = Ваш комментарий:
mail-comment-reply-subject = { $replier } ответил(а) на ваш комментарий
mail-comment-reply-text = { $replier } ответил(а) на ваш комментарий к материалу «{ $headline }»:
mail-comment-reply-button = Прочитать ответ

moderation = Модерация
moderation-pending = На проверке
moderation-reported = Жалобы
moderation-rejected = Отклонённые
moderation-log = Журнал модерации
moderation-words = Списки слов
moderation-sections = Правила разделов
moderation-empty = Здесь пусто.
moderation-approve = Одобрить
moderation-reject = Отклонить
moderation-reason = Причина
moderation-suspend = Заблокировать автора
moderation-ban = Запретить автору комментировать
moderation-days = Дней
moderation-story = Материал
moderation-author = Автор
moderation-reports = Жалобы
moderation-held-because = Задержан, потому что
moderation-hold-pre_moderated = раздел премодерируется
moderation-hold-suspect_word = есть подозрительное слово
moderation-hold-new_account = учётная запись новая
moderation-word = Слово или фраза
moderation-kind-banned = Запрещённое (отклоняет)
moderation-kind-suspect = Подозрительное (на проверку)
moderation-add = Добавить
moderation-remove = Удалить
moderation-mode = Модерация
moderation-mode-pre = До публикации
moderation-mode-post = После публикации
moderation-close-after = Закрывать обсуждение через (дней, пусто — никогда)
moderation-save = Сохранить
moderation-when = Когда
moderation-who = Кто
moderation-action = Действие
moderation-older = Раньше
moderation-close-story = Закрыть обсуждение материала
moderation-story-rules = Правила для одного материала
moderation-article-id = Номер материала
moderation-mode-section = Как в разделе
moderation-closed = Обсуждение закрыто
