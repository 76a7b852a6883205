# Список материалов: фото, авторы и действия сразу с несколькими материалами.
desk-picture = Фото
bulk-label = С отмеченными материалами:
bulk-choose = Выберите действие…
bulk-apply = Применить
bulk-select = Выбрать
bulk-select-one = Выбрать «{ $headline }»
bulk-to-draft = Вернуть в черновики
bulk-to-in_review = Отправить на проверку
bulk-to-published = Опубликовать сейчас
bulk-to-unpublished = Снять с публикации
bulk-done = { $moved ->
    [one] { $moved } материал переведён в статус «{ $status }».
    [few] { $moved } материала переведены в статус «{ $status }».
    [many] { $moved } материалов переведены в статус «{ $status }».
   *[other] { $moved } материала переведены в статус «{ $status }».
}{ $refused ->
    [0] {""}
    [one] {" "}{ $refused } материал перевести не удалось: его статус не допускает такого перехода или у вас нет на это прав.
    [few] {" "}{ $refused } материала перевести не удалось: их статус не допускает такого перехода или у вас нет на это прав.
   *[other] {" "}{ $refused } материалов перевести не удалось: их статус не допускает такого перехода или у вас нет на это прав.
}
editor-no-bylines = В этом выпуске пока нет авторов: материал выйдет без подписи.
editor-add-byline = Добавить автора

## Translation desk
tr-panel = Переводы
tr-this-version = эта версия
tr-missing = нет версии
tr-translate = Перевести
tr-source = Исходник: { $edition }
tr-source-choose = Показать рядом с формой
tr-source-show = Показать
tr-filter-lacks = Нет версии в выпуске
tr-column = Выпуски
