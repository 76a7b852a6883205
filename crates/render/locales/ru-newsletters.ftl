# Рассылки: страница подписки, подтверждение, настройки, отписка,
# веб-уведомления, письма и страницы редакции.
subscribe-newsletter = Рассылки и оповещения
account-newsletters-link = Рассылки и оповещения: выберите, какие письма получать
newsletter-title = Рассылки и оповещения
newsletter-intro = Получайте { $edition } по почте: ежедневный дайджест, материалы рубрики или срочные новости в момент публикации.
newsletter-choose = Выберите рассылки
newsletter-list-digest = { $edition }: ежедневный дайджест
newsletter-list-digest-about = Каждый день в { $time }: материалы за последние сутки.
newsletter-list-section = { $section }
newsletter-list-section-about = Каждый день в { $time }, если в рубрике есть новые материалы.
newsletter-list-breaking = Срочные новости
newsletter-list-breaking-about = Только важные новости, сразу после публикации.
newsletter-email = Адрес электронной почты
newsletter-email-hint = Мы пришлём на этот адрес ссылку для подтверждения. Пока вы его не подтвердите, других писем не будет.
newsletter-submit = Подписаться
newsletter-save = Сохранить выбор
newsletter-saved = Ваш выбор сохранён.
newsletter-manage-address = Письма приходят на { $email }, адрес вашей учётной записи.
newsletter-privacy = В каждом письме есть ссылка, чтобы изменить выбор или сразу отписаться. Адрес используется только для этих писем.
newsletter-error-form-expired = Срок действия формы истёк. Отправьте её ещё раз.
newsletter-error-email = Это не похоже на адрес электронной почты.
newsletter-error-list = Выберите хотя бы одну рассылку.
newsletter-error-too-many = Слишком много подписок с этого устройства или на этот адрес. Попробуйте снова через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[other] { $minutes } минут
}.
newsletter-error-busy = Сейчас мы не можем принять подписку. Попробуйте чуть позже.
newsletter-error-mail = Не удалось отправить письмо с подтверждением. Попробуйте позже.
newsletter-error-code = Код неверен или устарел.
newsletter-error-code-used-up = Слишком много неверных кодов. Воспользуйтесь ссылкой из письма или подпишитесь заново, чтобы получить новый код.
newsletter-sent-title = Проверьте почту
newsletter-sent-text = Мы отправили ссылку на { $email }. Откройте её, чтобы подтвердить подписку, или введите ниже шестизначный код из письма. Ссылка и код действуют { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
}.
newsletter-code = Код из письма
newsletter-code-submit = Подтвердить
newsletter-confirm-title = Подтвердите подписку
newsletter-confirm-text = Остался один шаг: подтвердите, что хотите получать эти рассылки на этот адрес.
newsletter-confirm-button = Да, подписаться
newsletter-confirm-invalid-title = Ссылка не работает
newsletter-confirm-invalid-text = Она устарела, уже использована или неполна. Подпишитесь снова, чтобы получить новую.
newsletter-confirmed-title = Вы подписаны
newsletter-confirmed-text = Спасибо. Первое письмо придёт в час, указанный у выбранной рассылки.
newsletter-preferences-title = Ваши рассылки
newsletter-preferences-intro = Выберите, что получать на { $email }.
newsletter-preferences-link = Изменить мои рассылки
newsletter-unsubscribe-all = Отписаться от всего
newsletter-suspended = Почтовый сервер раз за разом отклонял письма на этот адрес, поэтому мы перестали их отправлять. Подпишитесь снова, чтобы возобновить рассылку.
newsletter-link-invalid-title = Ссылка не работает
newsletter-link-invalid-text = Она неполна или относится к адресу, который больше не подписан.
newsletter-unsubscribe-title = Отписаться
newsletter-unsubscribe-text = Больше не получать «{ $list }» на этот адрес?
newsletter-unsubscribe-button = Отписаться
newsletter-unsubscribed-title = Вы отписаны
newsletter-unsubscribed-text = Вы больше не будете получать «{ $list }».
newsletter-push-heading = Срочные новости на этом устройстве
newsletter-push-intro = Браузер покажет уведомление, когда появится важная новость, даже если сайт закрыт.
newsletter-push-on = Включить уведомления
newsletter-push-off = Выключить уведомления
newsletter-push-state-on = Уведомления в этом браузере включены.
newsletter-push-state-off = Уведомления в этом браузере выключены.
newsletter-push-state-denied = Браузер запрещает уведомления от этого сайта. Разрешите их в настройках браузера.
newsletter-push-state-failed = Не удалось включить уведомления. Попробуйте позже.
newsletter-push-alert-title = Срочно · { $edition }
mail-newsletter_confirm-subject = Подтвердите подписку
mail-newsletter_confirm-text = Кто-то, надеемся, что вы, попросил присылать на этот адрес такие рассылки:
mail-newsletter_confirm-button = Подтвердить подписку
mail-newsletter_confirm-code = Или введите на сайте этот код:
mail-newsletter_confirm-expires = Ссылка и код действуют { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
}.
mail-newsletter_confirm-ignore = Если это были не вы, просто не обращайте внимания на письмо: мы ничего не будем присылать.
mail-newsletter_digest-subject = { $list_name }: { $headline }
mail-newsletter_alert-subject = Срочно: { $headline }
mail-newsletter-breaking = Срочная новость
mail-newsletter-read = Читать материал
mail-newsletter-more = Больше на сайте «{ $edition }»
mail-newsletter-credit = Фото: { $credit }
mail-newsletter-why = Вы получаете «{ $list }», потому что подписались на эту рассылку.
mail-newsletter-preferences = Изменить мои рассылки
mail-newsletter-unsubscribe = Отписаться
nl-nav = Рассылки
nl-title = Рассылки
nl-intro = Рассылки каждой версии сайта с числом подтверждённых подписчиков и отправленные письма. Дайджесты уходят сами в назначенное время по часовому поясу версии; срочные оповещения отправляют со страницы опубликованного материала.
nl-saved = Рассылка сохранена.
nl-error-time = Укажите время отправки в часах и минутах, например 07:00.
nl-list = Рассылка
nl-subscribers = Подписчики
nl-send-time = Время отправки
nl-active = Включена
nl-change = Сохранить
nl-yes = да
nl-no = нет
nl-on-demand = когда редактор отправляет оповещение
nl-kind-digest = Ежедневный дайджест
nl-kind-section = Рубрика: { $section }
nl-kind-breaking = Срочные новости
nl-sends = Отправки
nl-no-sends = Пока ничего не отправлено.
nl-sent-at = Создана
nl-send = Отправка
nl-queued = Ожидают
nl-sent = Отправлено
nl-failed = Ошибки
nl-skipped = Пропущено
nl-older = Более ранние отправки
nl-alert-of = Оповещение: { $headline }
nl-digest-of = Дайджест за { $day }
nl-report-title = Отчёт об отправке
nl-report-finished = Завершено: все доставки окончены.
nl-report-running = Идёт отправка: обновите страницу, чтобы следить за ней.
nl-problems = Доставки, прошедшие не сразу
nl-channel = Канал
nl-channel-mail = почта
nl-channel-push = уведомление
nl-recipient = Получатель
nl-state = Состояние
nl-state-queued = ждёт новой попытки
nl-state-sending = отправляется
nl-state-sent = отправлено
nl-state-failed = ошибка
nl-state-skipped = пропущено
nl-attempts = Попытки
nl-reason = Причина
nl-alert-link = Отправить как срочное оповещение
nl-alert-title = Отправить как срочное оповещение
nl-back-to-story = Вернуться к материалу
nl-alert-reach = Материал получат по почте { $mail ->
    [one] { $mail } подписчик
    [few] { $mail } подписчика
   *[other] { $mail } подписчиков
} рассылки срочных новостей и уведомлением { $push ->
    [one] { $push } браузер
    [few] { $push } браузера
   *[other] { $push } браузеров
}.
nl-alert-once = Материал можно отправить как оповещение только один раз; отменить отправку нельзя.
nl-alert-confirm = Отправить оповещение сейчас
nl-cancel = Отмена
nl-alert-already = Этот материал уже отправлен как оповещение.
nl-alert-not-public = Как оповещение можно отправить только опубликованный материал.
nl-alert-sent-before = Этот материал уже был отправлен как оповещение.
nl-alert-list-off = Рассылка срочных новостей этой версии выключена.
