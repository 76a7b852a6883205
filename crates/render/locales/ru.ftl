# Сайт Dateline для читателей: строки интерфейса на русском.
# Формы множественного числа по CLDR: one (1, 21), few (2–4, 22–24), many (0, 5–20).

## Оформление страницы
skip-to-content = Перейти к содержанию
nav-sections = Разделы
nav-editions = Редакции
home = Главная
footer-tagline = Независимая журналистика, опубликовано с помощью Dateline.
footer-sitemap = Карта сайта
footer-follow = Мы в сетях
footer-contact = Контакты

## Подписка
subscribe = Подписаться
subscribe-intro = Следите за { $edition } так, как вам удобно.
subscribe-rss = RSS-лента
feed-description = Последние материалы { $edition }.
feed-section-description = Последние материалы рубрики «{ $name }» — { $edition }.
listing-feeds = Ленты этой страницы

## Списки
top-stories = Главное
latest = Свежее
section-more = Ещё в разделе «{ $section }»
older = Более ранние материалы
newest = К самым свежим
empty-list = Здесь пока ничего не опубликовано.
newsfeed = Лента новостей
newsfeed-all = Все новости
newsfeed-description = Все материалы всех разделов { $edition }, сначала самые новые.
front-description = { $edition }: новости, аналитика и репортажи круглые сутки.
articles-count = { $count ->
    [one] { $count } материал
    [few] { $count } материала
    [many] { $count } материалов
   *[other] { $count } материала
}

## Статья
published = Опубликовано
updated = Обновлено
byline = { $count ->
    [one] Автор:
   *[other] Авторы:
}
authors = Авторы
tags = Темы
go-to-mediabank = Перейти в фотобанк
file-photo = Архивное фото
related = Читайте также
embed-open = Открыть на { $host }
comments-count = { $count ->
    [one] { $count } комментарий
    [few] { $count } комментария
    [many] { $count } комментариев
   *[other] { $count } комментария
}
discussion = Обсуждение
discussion-prompt-start = Чтобы участвовать в обсуждении,
discussion-login = войдите
discussion-or = или
discussion-register = зарегистрируйтесь
discussion-prompt-end = .
chats = Чаты
chats-hint = Обсуждайте новости с другими читателями в реальном времени.
next-article = Следующий материал
corrected = В материал внесены исправления.
correction-dated = Исправление от

## Темы и авторы
tag-heading = Материалы по теме «{ $name }»
tag-description = Все материалы { $edition } по теме «{ $name }».
author-description = Материалы автора { $name } в { $edition }.

## Фотобанк
mediabank = Фотобанк
mediabank-description = Фотографии { $edition } с подписями, авторством и списком материалов, где они использованы.
mediabank-asset = Фото { $id }
mediabank-details = Об этом снимке
media-caption = Подпись
media-credit = Автор снимка
media-copyright = Права
media-source = Источник
media-date = Дата
media-size = Исходный размер
media-size-value = { $width } × { $height } пикс.
media-file-photo = Архивное фото
media-yes = Да
media-no = Нет
media-used-in = Где используется
media-not-used = Этот снимок пока не используется в опубликованных материалах.
media-open-original = Открыть оригинал
media-empty = По этим условиям снимков не найдено.
filter-legend = Фильтр архива
filter-from = С
filter-until = По
filter-section = Раздел
filter-all-sections = Все разделы
filter-apply = Показать
filter-reset = Сбросить фильтры

## Ошибки
error-400-title = Неверный адрес
error-400-text = Часть адреса не удалось разобрать. Откройте первую страницу списка.
error-422-title = Форму не удалось принять
error-422-text = В ней есть то, что нельзя сохранить, например невидимый управляющий символ из вставленного текста. Вернитесь, проверьте введённое и отправьте форму снова.
error-401-title = Войдите в аккаунт
error-401-text = Эта страница доступна только зарегистрированным читателям. Войдите и попробуйте ещё раз.
error-403-title = Действие недоступно
error-403-text = Вашему аккаунту это действие не разрешено.
error-429-title = Слишком много запросов
error-429-text = Подождите несколько минут и попробуйте снова.
error-csrf-title = Форма устарела
error-csrf-text = Страница была открыта слишком долго, или вы вошли или вышли в другой вкладке. Вернитесь назад, обновите страницу и отправьте форму ещё раз.
error-404-title = Страница не найдена
error-404-text = Такой страницы нет. Возможно, она переехала или в адресе опечатка.
error-410-title = Материал снят с публикации
error-410-text = Материал, который был опубликован по этому адресу, отозван редакцией.
error-500-title = Что-то пошло не так
error-500-text = Не удалось показать страницу. Попробуйте ещё раз чуть позже.
error-home = На главную
error-request-id = Номер запроса:

## Редакция: материалы
desk-articles = Материалы
desk-new-article = Новый материал
desk-any = Любой
desk-filter-edition = Версия
desk-filter-section = Рубрика
desk-filter-status = Статус
desk-filter-author = Автор
desk-filter-text = Слова
desk-filter-apply = Показать
desk-updated = Изменён
desk-more = Более ранние материалы
desk-empty = Нет материалов по этим условиям.
desk-create = Создать черновик
desk-new-incomplete = Выберите рубрику и дайте материалу заголовок.
desk-new-slug-taken = Слишком много материалов с таким заголовком; немного измените его.
desk-untitled = Без заголовка
desk-edit-article = Правка материала
desk-saved = Сохранено.
desk-moved = Статус изменён.
desk-restored = Прежняя версия восстановлена как новое сохранение.
desk-not-saved = Не сохранено: исправьте отмеченные поля. Ваш текст на месте.
desk-not-moved = Статус не изменён: см. сообщение ниже.
desk-conflict = Кто-то сохранил этот материал после того, как вы его открыли. Ваш текст не сохранён и остаётся здесь: откройте текущую версию и перенесите свои правки.
desk-conflict-open = Открыть текущую версию в новой вкладке
desk-media-bank = Фотобанк
desk-save = Сохранить
desk-workflow = Выпуск
desk-status = Статус
desk-version = Версия
desk-scheduled-for = Запланирован на
desk-published-at = Опубликован
desk-preview = Предпросмотр
desk-on-site = На сайте
desk-revisions = Версии
desk-schedule-at = Опубликовать в ({ $zone })
desk-correction-note = Примечание об исправлении (видно читателям)
desk-corrections = Исправления
desk-compare = Сравнить
desk-compare-old = Старая
desk-compare-new = Новая
desk-saved-at = Сохранено
desk-saved-by = Кем
desk-what = Что
desk-restore = Восстановить
desk-system = Система
field-headline = Заголовок
field-lead = Лид
field-slug = Адрес (slug)
field-section = Рубрика
field-authors = Авторы
field-tags = Теги
field-tags-hint = Разделяйте теги запятыми.
field-lead-media = Главное фото (номер в фотобанке)
field-media-hint = Номер указан на странице фото в разделе
field-body = Текст
block-paragraph = Абзац
block-list = Список
block-ordered = Нумерованный список
block-text-hint = **жирный**, *курсив*, [слова](https://адрес) — ссылка; обратная косая черта перед * [ ] оставляет знак как есть.
block-list-hint = Каждый пункт с новой строки.
picker-open = Выбрать в фотобанке
picker-search = Поиск фото по подписи, автору или ключевому слову
picker-none = Фото не найдено.
picker-no-credit = Нет автора фото
picker-no-alt = Нет описания для незрячих
picker-processing = Размеры ещё готовятся
picker-close = Закрыть
picker-drop-hint = Чтобы добавить новое фото, перетащите файл на материал.
picker-uploading = Фото загружается…
picker-uploaded = Фото загружено и добавлено в материал.
picker-upload-failed = Фото не удалось загрузить:
editor-bold = Жирный
editor-italic = Курсив
editor-link = Ссылка
editor-link-prompt = Адрес ссылки (https://…, mailto:… или путь на этом сайте, например /ru/world/…)
editor-unlink = Убрать ссылку
editor-word-count = Слов
editor-drag = Перетащите, чтобы переместить
block-heading = Подзаголовок
block-quote = Цитата
block-image = Фото
block-related = Связанный материал
block-embed = Встраивание
block-level = Уровень
block-text = Текст
block-attribution = Источник цитаты
block-media = Номер в фотобанке
block-caption = Подпись (пусто — подпись самого фото)
block-article = Материал
block-article-hint = Слова заголовка, номер или адрес на сайте.
block-url = Адрес
block-title = Название
block-up = Выше
block-down = Ниже
block-remove = Удалить
block-add = Добавить блок
dash-new-article = Написать материал
dash-all = Все в списке материалов
dash-in-review = Ждут проверки
dash-none-in-review = Ничего не ждёт проверки.
dash-scheduled = Выйдут следующими
dash-none-scheduled = Ничего не запланировано.
dash-drafts = Ваши черновики
dash-none-drafts = У вас нет черновиков.
dash-comments = Комментарии
dash-held = Ждут модерации
dash-reported = С жалобами читателей
dash-failed = Фото, для которых не удалось сделать размеры
dash-none-failed = У всех фото есть все размеры.
preview-banner = Предпросмотр — не опубликовано.
preview-status = Статус
preview-not-published = Ещё не опубликовано
status-draft = Черновик
status-in_review = На проверке
status-scheduled = Запланирован
status-published = Опубликован
status-corrected = Исправлен
status-unpublished = Снят с публикации
move-draft = Вернуть в черновики
move-in_review = Отправить на проверку
move-scheduled = Запланировать
move-published = Опубликовать сейчас
move-corrected = Опубликовать исправление
move-unpublished = Снять с публикации
revision-created = Создан
revision-saved = Сохранён
revision-autosaved = Автосохранение
revision-status = Смена статуса
revision-restored = Восстановлен
revision-corrected = Исправлен
revision-published_by_schedule = Опубликован по расписанию
autosave-pending = Есть несохранённые правки…
autosave-saved = Все правки сохранены.
autosave-invalid = Автосохранение не выполнено: проверьте поля.
autosave-offline = Автосохранение не выполнено: нет связи с сервером. Повторяем.
form-stale = Форма устарела; откройте материал заново.
form-required = Обязательное поле.
form-bad-slug = Только буквы, цифры и дефисы.
form-bad-media = Укажите номер фото в фотобанке.
form-bad-author = Выберите авторов из списка.
form-bad-tag = В теге должна быть хотя бы одна буква или цифра.
form-bad-level = Выберите уровень подзаголовка.
form-bad-related = Материал не найден; укажите его номер или адрес на сайте.
form-bad-url = Укажите полный адрес, начиная с https://
form-bad-block = Неизвестный вид блока.
form-bad-link = Адрес ссылки должен начинаться с https://, http:// или mailto: либо быть путём на этом сайте, начиная с /.
form-bad-formatting = Слишком много оформления в одном блоке.
form-list-too-long = В списке может быть не больше 100 пунктов.
form-slug-taken = В этой версии уже есть материал с таким адресом.
form-invalid = Это значение не принимается.
form-schedule-past = Выберите время в будущем.
form-schedule-time = Укажите дату и время.
form-correction-required = Напишите, что исправлено.
form-correction-long = Примечание об исправлении — не более 1000 знаков.
form-bad-transition = Из текущего статуса в этот перейти нельзя.

## Newsroom: sign-in, sessions, tokens, users, audit log
nr-brand = Редакция Dateline
nr-nav = Редакция
nr-nav-home = Главная
nr-nav-sessions = Ваши сеансы
nr-nav-tokens = API-токены
nr-nav-users = Пользователи
nr-nav-audit = Журнал действий
nr-logout = Выйти
nr-logout-everywhere = Выйти на всех устройствах
nr-email = Адрес электронной почты
nr-password = Пароль
nr-login-title = Вход в редакцию
nr-login-submit = Войти
nr-login-invalid = Неверный адрес электронной почты или пароль.
nr-login-locked = Слишком много неудачных попыток входа в эту учётную запись. Повторите через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[other] { $minutes } минут
}.
nr-login-rate-limited = Слишком много неудачных попыток входа из вашей сети. Повторите через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[other] { $minutes } минут
}.
nr-login-no-access = У этой учётной записи нет доступа к редакции.
nr-role-reader = читатель
nr-role-contributor = внештатный автор
nr-role-author = автор
nr-role-editor = редактор
nr-role-admin = администратор
nr-home-title = Здравствуйте, { $name }
nr-home-signed-in = Вы вошли как { $email } ({ $role }).
nr-sessions-intro = Все браузеры, в которых вы вошли. Выйдите на всех устройствах, если устройство потеряно или им пользовались другие.
nr-sessions-caption = Сначала недавно использованные
nr-sessions-browser = Браузер
nr-sessions-ip = Адрес
nr-sessions-started = Вход
nr-sessions-last-seen = Последнее действие
nr-sessions-this = этот браузер
nr-token-created = Ваш новый токен ниже. Скопируйте его сейчас: больше он показан не будет.
nr-token-name = Название
nr-token-scopes = Права
nr-token-expires = Действует до
nr-token-last-used = Использован
nr-token-never = Бессрочно
nr-token-revoked = Отозван
nr-token-revoke = Отозвать
nr-token-none = У вас нет API-токенов.
nr-token-new = Новый токен
nr-token-days = Срок действия (дней)
nr-token-create = Создать токен
nr-actions = Действия
nr-save = Сохранить
nr-user-change = Имя, роль, издания
nr-user-name = Отображаемое имя
nr-user-role = Роль
nr-user-editions = Издания (для редакторов)
nr-user-disabled = Отключена
nr-user-locked = Заблокирована после неудачных входов
nr-user-new = Новая учётная запись
nr-user-create = Создать учётную запись
nr-audit-filter = Фильтр
nr-audit-when = Когда
nr-audit-actor = Кто (id пользователя)
nr-audit-action = Действие
nr-audit-item = Объект
nr-audit-item-type = Тип объекта
nr-audit-item-id = Id объекта
nr-audit-details = Подробности
nr-audit-via-token = токеном { $id }
nr-audit-empty = Записей нет.
nr-error-detail-intro = Подробности от сервера (на английском):
nr-error-back = Вернуться в редакцию
nr-error-unauthenticated = Войдите в систему
nr-error-forbidden = Вам это не разрешено
nr-error-csrf_failed = Срок действия формы истёк
nr-error-not_found = Не найдено
nr-error-invalid_input = Часть данных введена неверно
nr-error-invalid_query = Неверный адрес
nr-error-duplicate = Такое уже существует
nr-error-conflict = Кто-то сохранил изменения раньше вас
nr-error-missing_reference = Объект, на который есть ссылка, не существует
nr-error-method_not_allowed = Это действие здесь недоступно
nr-error-unavailable = Редакция сейчас недоступна
nr-error-internal = Что-то пошло не так

## Редакция: фотобанк
media-upload-heading = Загрузить фото
media-file = Файл
media-file-hint = JPEG, PNG, WebP, AVIF или GIF, до { $mb } МБ. Подпись, автор и права берутся из файла.
nr-media-file-photo = Архивное фото (снято не для этого материала)
media-upload = Загрузить
media-search-heading = Найти фото
media-search-words = Подпись, автор, фотограф или ключевое слово
media-taken-from = Снято с
media-taken-to = Снято по
media-renditions-pending = Размеры готовятся…
media-no-caption = Подписи пока нет
media-none = Ничего не найдено.
media-uploaded = Загружено. Проверьте данные из файла и сохраните.
media-duplicate = Этот файл уже есть в фотобанке — вот он.
media-saved = Сохранено.
media-taken = снято
media-renditions = Размеры для сайта
media-state-pending = в очереди
media-state-working = готовятся
media-state-ready = готовы
media-state-failed = ошибка
nr-media-caption = Подпись
media-alt = Описание для незрячих читателей
nr-media-credit = Автор снимка (подпись)
nr-media-copyright = Права
media-creator = Фотограф
nr-media-source = Источник
media-keywords = Ключевые слова (через запятую)
media-usage = Используется в
media-unused = Не используется в опубликованных материалах.
media-visibility = Публичный фотобанк
media-public = Читатели видят это фото: в фотобанке, через API и как файл.
media-hidden = Читатели не увидят это фото, пока не опубликован материал с ним или редактор не откроет его в фотобанке.
media-released-note = Редактор открыл его в фотобанке.
media-release = Открыть в фотобанке
media-withdraw = Убрать из фотобанка
media-released = Фото открыто в фотобанке: читатели уже видят его.
media-withdrawn = Фото убрано из фотобанка. Пока его использует опубликованный материал, читатели его видят.
media-not-an-image = Этот файл не является изображением, которое может прочитать Dateline. Загрузите JPEG, PNG, WebP, AVIF или GIF.
media-unsupported = Изображения в этом формате не принимаются. Загрузите JPEG, PNG, WebP, AVIF или GIF.
media-too-large = Файл больше допустимого размера.
media-too-many-pixels = В изображении слишком много пикселей. Уменьшите его перед загрузкой.
media-too-much-memory = Для обработки этого изображения нужно слишком много памяти. Сохраните его с 8 битами на канал или с меньшим числом пикселей и загрузите снова.
media-busy = Сервер занят обработкой других изображений. Ничего не сохранено; попробуйте через минуту.
media-corrupt = Изображение повреждено и не читается.
media-no-file = Выберите файл для загрузки.
media-failed = Загрузка не удалась по нашей вине. Ничего не сохранено; попробуйте ещё раз.

## Смена собственного пароля (на странице сеансов)
nr-password-heading = Смена пароля
nr-password-intro = После смены вы выйдете на всех устройствах, включая этот браузер; затем войдите с новым паролем.
nr-password-current = Текущий пароль
nr-password-new = Новый пароль (не короче 10 символов)
nr-password-confirm = Новый пароль ещё раз
nr-password-submit = Сменить пароль
nr-password-mismatch = Новые пароли не совпадают. Введите один и тот же пароль дважды.
nr-password-too-short = Новый пароль слишком короткий: нужно не меньше 10 символов.
nr-password-same = Новый пароль совпадает с текущим.
nr-password-wrong = Текущий пароль введён неверно.
nr-password-rate-limited = Слишком много неверных попыток. Повторите через 15 минут.
nr-password-changed = Пароль изменён, все сеансы завершены. Войдите с новым паролем.

## Главная страница выпуска (/newsroom/front/{edition})
front-title = Главная страница: { $name }
front-view = Открыть главную страницу, как её видят читатели
front-help = Расставьте то, что читатели увидят первым. Места, которые никто не расставил, заполняются самыми новыми материалами, как раньше; материалы, которые читатели не видят (черновики, запланированные, снятые), пропускаются, пока не будут опубликованы.
front-lead = Главный материал
front-top = Главные материалы
front-top-help = Первый — главный материал. Не больше { $max }.
front-pins = Закреплены в рубрике «{ $section }»
front-pins-help = Показываются первыми в блоке рубрики на главной, не больше { $max }.
front-none = Ничего не расставлено: первыми идут самые новые материалы.
front-missing = Материала № { $id } нет
front-hidden = читатели не видят: { $status }
front-move-up = Поднять материал № { $id }
front-move-down = Опустить материал № { $id }
front-remove = Убрать
front-remove-story = Убрать материал № { $id }
front-add = Добавить материал
front-add-label = Номер или адрес материала
front-add-help = Наберите слова заголовка, чтобы увидеть подсказки, или вставьте адрес материала.
front-add-to = Куда
front-add-button = Добавить
front-keys = Мышью материалы можно перетаскивать; с клавиатуры Alt+стрелка вверх и Alt+стрелка вниз двигают материал в фокусе. Читатели ничего не увидят, пока вы не сохраните.
front-save = Сохранить главную страницу
front-saved = Главная страница сохранена: читатели уже видят её.
front-unsaved = Изменено, ещё не сохранено.
front-error-conflict = Кто-то сохранил эту главную страницу после того, как вы её открыли. Ничего не сохранено; откройте страницу заново, чтобы увидеть их расстановку.
front-error-too_many_top = Слишком много главных материалов. Сначала уберите лишние.
front-error-too_many_pins = В одной рубрике закреплено слишком много материалов. Сначала уберите один.
front-error-duplicate_article = Этот материал уже есть на главной. Каждый материал можно поставить только один раз.
front-error-other_edition = Этот материал из другого выпуска.
front-error-wrong_section = Этот материал не из этой рубрики: закрепите его в его рубрике или добавьте в главные материалы.
front-error-unknown_article = Материала с таким номером или адресом нет.
front-error-empty = Сначала введите номер или адрес материала.
front-error-place = Выберите, куда поставить материал.
dash-fronts = Главные страницы

# Страницы выпуска в архиве.
edition-retired-notice = Этот выпуск больше не обновляется.

date-and-time = { $date }, { $time }
