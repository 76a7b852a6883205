# Сайт Dateline для читателей: строки интерфейса на русском.
# Формы множественного числа по CLDR: one (1, 21), few (2–4, 22–24), many (0, 5–20).

## Оформление страницы
skip-to-content = Перейти к содержанию
nav-sections = Разделы
nav-editions = Редакции
edition-current = Текущая редакция
home = Главная
footer-tagline = Независимая журналистика, опубликовано с помощью Dateline.
footer-feeds = Ленты
footer-sitemap = Карта сайта

## Подписка
subscribe = Подписаться
subscribe-intro = Следите за { $edition } так, как вам удобно.
subscribe-rss = RSS-лента
subscribe-newsletter = Рассылка по электронной почте
feed-description = Последние материалы { $edition }.

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
error-404-title = Страница не найдена
error-404-text = Такой страницы нет. Возможно, она переехала или в адресе опечатка.
error-410-title = Материал снят с публикации
error-410-text = Материал, который был опубликован по этому адресу, отозван редакцией.
error-500-title = Что-то пошло не так
error-500-text = Не удалось показать страницу. Попробуйте ещё раз чуть позже.
error-home = На главную

## Даты: { $n } — номер месяца (1–12), дня недели (1 — понедельник) или 1 для PM.
## Месяцы в родительном падеже: в датах они всегда стоят после числа.
date-month-long = { $n ->
    [1] января
    [2] февраля
    [3] марта
    [4] апреля
    [5] мая
    [6] июня
    [7] июля
    [8] августа
    [9] сентября
    [10] октября
    [11] ноября
   *[12] декабря
}
date-month-short = { $n ->
    [1] янв.
    [2] февр.
    [3] мар.
    [4] апр.
    [5] мая
    [6] июн.
    [7] июл.
    [8] авг.
    [9] сент.
    [10] окт.
    [11] нояб.
   *[12] дек.
}
date-weekday-long = { $n ->
    [1] понедельник
    [2] вторник
    [3] среда
    [4] четверг
    [5] пятница
    [6] суббота
   *[7] воскресенье
}
date-weekday-short = { $n ->
    [1] пн
    [2] вт
    [3] ср
    [4] чт
    [5] пт
    [6] сб
   *[7] вс
}
date-am-pm = { $n ->
    [1] PM
   *[0] AM
}
