## Редакция: ленты агентств и их источники

nr-nav-wires = Ленты
wire-title = Ленты
wire-intro = Материалы агентств и лент, новые сверху. Откройте материал, чтобы прочитать его и сделать из него черновик.
wire-sources-link = Источники
wire-flagged = { $count ->
    [one] У { $count } материала, сделанного из ленты, есть новая версия.
    [few] У { $count } материалов, сделанных из лент, есть новые версии.
   *[other] У { $count } материалов, сделанных из лент, есть новые версии.
}
wire-search = Поиск по лентам
wire-source = Источник
wire-language = Язык
wire-urgency = Срочность
wire-urgency-at-least = { $urgency } и срочнее
wire-kind = Тип
wire-kind-text = Текст
wire-kind-picture = Фото
wire-kind-graphic = Графика
wire-kind-video = Видео
wire-kind-audio = Аудио
wire-kind-composite = Пакет
wire-kind-other = Другое
wire-any = Любой
wire-show-duplicates = Показывать дубликаты
wire-filter = Показать
wire-col-time = Время
wire-col-source = Источник
wire-col-urgency = Сроч.
wire-col-headline = Заголовок
wire-col-language = Язык
wire-version = версия { $version }
wire-status = Статус
wire-status-usable = Можно использовать
wire-status-withheld = Задержан
wire-status-canceled = Отменён
wire-is-duplicate = (дубликат)
wire-has-drafts = { $count ->
    [one] · { $count } черновик
    [few] · { $count } черновика
   *[other] · { $count } черновиков
}
wire-older = Более ранние
wire-none = Ничего не найдено. Сбросьте фильтры, чтобы увидеть всю ленту.
wire-no-sources = Источники лент ещё не настроены. Их добавляет администратор в разделе «Ленты → Источники».
wire-back = ← Ленты
wire-warning-canceled = Агентство отменило этот материал: использовать его нельзя.
wire-warning-withheld = Агентство задержало этот материал: не публикуйте его до снятия запрета.
wire-warning-embargo = Эмбарго до { $until }: не публикуйте раньше.
wire-pictures = Фотографии
wire-details = Сведения
wire-credit = Указание источника
wire-copyright = Авторские права
wire-usage-terms = Условия использования
wire-guid = Идентификатор
wire-first-created = Создан
wire-version-created = Эта версия
wire-received = Получен
wire-updated = обновлён
wire-subjects = Темы
wire-link = Оригинал
wire-copies = Тот же текст в других местах
wire-copies-help = У этих материалов тот же заголовок и текст: из другого источника или под другим идентификатором.
wire-drafts = Черновики из этого материала
wire-draft-outdated = Материал уже в версии { $version }.
wire-make-draft = Создать черновик
wire-place = Рубрика
wire-make-draft-help = В черновик попадут заголовок, лид и текст; источник, указание источника и идентификаторы останутся при материале.
wire-no-place = Вы не можете создавать материалы ни в одной редакции.
wire-error-canceled = Агентство отменило этот материал: черновик из него сделать нельзя.
wire-error-place = Выберите рубрику редакции, в которой вы можете писать.
wire-error-invalid = Из этого материала нельзя сделать статью как есть: его текст выходит за ограничения редактора.
wire-error-slug = Все адреса, которые мы пробовали для черновика, заняты; попробуйте ещё раз.
wire-origin = Из лент
wire-origin-source = { $source }, версия { $version }
wire-origin-update = У материала ленты есть новая версия ({ $version }).
wire-origin-see = Прочитать
wire-origin-seen = Отметить как просмотренное
wire-origin-gone = Материала больше нет в ленте.
wire-sources-title = Источники лент
wire-sources-intro = Откуда берутся материалы лент: папка на сервере, куда кладут файлы, или адрес, который опрашивается на IPTC ninjs, NewsML-G2, RSS, Atom или JSON Feed. Принятые файлы из папки переносятся в её папку «processed», непрочитанные — в «failed» с объяснением причины рядом.
wire-sources-none = Источников пока нет.
wire-source-name = Название
wire-source-location = Адрес или папка
wire-source-location-help = Адрес http(s) или абсолютный путь к папке, которую сервер может читать и в которую может писать. Из папки берутся файлы с окончаниями .xml, .json, .rss, .atom, .ninjs и .newsml; остальные остаются на месте.
wire-source-items = Материалы
wire-source-last-poll = Последний опрос
wire-source-actions = Действия
wire-source-off = выключен
wire-source-kind = Тип
wire-source-kind-url = Адрес (условный GET)
wire-source-kind-folder = Папка
wire-source-every = каждые { $seconds } с
wire-source-never = ещё не было
wire-source-failed = Последний опрос не удался:
wire-source-poll-now = Опросить сейчас
wire-source-add = Добавить источник
wire-source-save = Сохранить
wire-source-interval = Секунд между опросами
wire-source-enabled = Опрашивать этот источник
wire-source-delete = Удалить источник
wire-source-delete-help = { $count ->
    [one] Его { $count } материал уйдёт из ленты. Статьи, сделанные из материалов, сохранят сведения об источнике.
    [few] Его { $count } материала уйдут из ленты. Статьи, сделанные из материалов, сохранят сведения об источнике.
   *[other] Его { $count } материалов уйдут из ленты. Статьи, сделанные из материалов, сохранят сведения об источнике.
}
wire-source-error-name = Дайте источнику название длиной от 1 до 80 символов.
wire-source-error-kind = Укажите, адрес это или папка.
wire-source-error-location = Укажите адрес или папку.
wire-source-error-url = Адрес должен начинаться с http:// или https://.
wire-source-error-folder = Папка должна быть указана абсолютным путём и существовать на сервере.
wire-source-error-interval = Между опросами должно быть от { $min } до { $max } секунд.
wire-source-error-taken = Источник с таким названием уже есть.
