# Поиск: поле в шапке, страница поиска, поиск по фотобанку.
search = Поиск
search-label = Поиск по сайту
search-form-label = Поиск материалов и фото
search-placeholder = Поиск
search-submit = Найти
search-suggestions = Подсказки
search-hint = Ищутся все слова. Фразу возьмите в «кавычки» ("так"), а слово, которого не должно быть, — с минусом: -слово.
search-description = Поиск по всем материалам и фото «{ $edition }».
search-results-title = Поиск: { $query }
search-count = { $count ->
    [0] Ничего не найдено
    [one] Найден { $count } результат
    [few] Найдено { $count } результата
    [many] Найдено { $count } результатов
   *[other] Найдено { $count } результата
}
search-count-more = { $count ->
    [one] Найдено более { $count } результата
   *[other] Найдено более { $count } результатов
}
search-window = Релевантность, счётчики и фильтры учитывают { $count } самых свежих совпадений; чтобы увидеть более ранние, отсортируйте по дате.
search-order = Сортировать
search-order-relevance = по релевантности
search-order-newest = сначала новые
search-more = Ещё результаты
search-first = К первым результатам
search-pages = Страницы результатов
search-narrow = Уточнить поиск
search-facet-section = Рубрика
search-facet-tag = Тег
search-facet-author = Автор
search-facet-kind = Тип
search-facet-date = Дата
search-kind-article = Материалы
search-kind-live = Онлайн-трансляции
search-kind-picture = Фото
search-date-day = За сутки
search-date-week = За неделю
search-date-month = За месяц
search-date-year = За год
search-clear-filters = Сбросить все фильтры
search-nothing = По запросу «{ $query }» ничего не найдено.
search-did-you-mean = Возможно, вы имели в виду:
search-tips = Советы
search-tip-spelling = Проверьте написание слов.
search-tip-fewer = Уберите часть слов или возьмите более общие: найтись должно каждое слово.
search-tip-phrase = Снимите кавычки с фразы, чтобы искать её слова по отдельности.
search-tip-filters = Искать без фильтров.
search-problem-empty = Введите слово для поиска.
search-problem-too-long = Запрос слишком длинный: не больше 1024 байт (для кириллицы — около 500 букв).
search-problem-no-words = В запросе нет слов, только знаки вроде кавычек или дефисов. Введите хотя бы одно слово.
search-problem-cursor = Эта ссылка на следующие результаты больше не действует. Повторите поиск, чтобы начать с первых результатов.
mediabank-search-label = Поиск по фото
mediabank-search-results = { $count ->
    [0] По запросу «{ $query }» фото не найдено.
    [one] По запросу «{ $query }» найдено { $count } фото.
    [few] По запросу «{ $query }» найдено { $count } фото.
    [many] По запросу «{ $query }» найдено { $count } фото.
   *[other] По запросу «{ $query }» найдено { $count } фото.
}
related-stories = Читайте также
nr-search = Поиск
nr-search-words = Слова
