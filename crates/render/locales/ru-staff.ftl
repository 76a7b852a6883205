# Люди редакции: авторы (администраторы) и приглашения сотрудников.
nr-nav-authors = Авторы
author-list-intro = Подписи под материалами и страницы авторов. Автора материала выбирают из авторов его издания.
author-new = Новый автор
author-none = Авторов пока нет.
author-name = Имя
author-slug = Адрес
author-slug-help = Часть адреса страницы автора; если оставить пустым, составляется из имени. Потом его не изменить.
author-slug-fixed = Часть адреса страницы автора; изменить его нельзя.
author-bio = Биография
author-photo = Фото (номер в медиабанке)
author-photo-help = Выбранный снимок открывается в публичном медиабанке.
author-links = Ссылки
author-links-help = Сайт и профили автора: по одному адресу http(s) в строке, не больше восьми.
author-account = Учётная запись
author-no-account = Без учётной записи
author-account-help = Сотрудник, который пишет под этой подписью; его новые материалы подписываются ею.
author-editions = Издания
author-no-edition = Нет издания
author-articles = Опубликовано материалов
author-page = Страница автора
author-create = Создать автора
author-error-name = Укажите имя автора, не длиннее 120 знаков.
author-error-slug = В адресе допустимы только буквы, цифры и дефисы.
author-error-slug-taken = Этот адрес уже занят другим автором.
author-error-bio = Биография — не длиннее 2000 знаков.
author-error-links = Ссылки — это адреса http или https, не больше восьми.
author-error-photo = В медиабанке нет снимка с таким номером.
author-error-account = Нет учётной записи с таким номером.
author-error-account-taken = У этой учётной записи уже есть подпись.
author-error-editions = Выберите хотя бы одно издание.
form-author-not-in-edition = Выберите авторов, которые пишут для издания этого материала.
author-links-heading = В других местах

# Приглашения сотрудников.
nr-invitation-title = Добро пожаловать в редакцию
nr-invitation-intro = Здравствуйте, { $name }. Выберите пароль для { $email }, чтобы завершить настройку учётной записи.
nr-invitation-password = Новый пароль
nr-invitation-password-help = { $count ->
    [one] Не короче { $count } знака.
    [few] Не короче { $count } знаков.
   *[other] Не короче { $count } знаков.
}
nr-invitation-confirm = Тот же пароль ещё раз
nr-invitation-submit = Задать пароль и войти
nr-invitation-gone = Срок действия ссылки истёк, она уже использована или заменена новой. Попросите администратора отправить приглашение ещё раз.
nr-invitation-short = { $count ->
    [one] Пароль должен быть не короче { $count } знака.
    [few] Пароль должен быть не короче { $count } знаков.
   *[other] Пароль должен быть не короче { $count } знаков.
}
nr-invitation-mismatch = Пароли не совпадают.
nr-invitation-expired-form = Срок действия формы истёк. Введите пароль ещё раз.
nr-user-password-or-invite = Оставьте пароль пустым, чтобы отправить приглашение по почте: сотрудник сам выберет пароль.
nr-user-invited = приглашение отправлено, ещё не принято
nr-user-invite-again = Отправить приглашение ещё раз
nr-user-invitation-sent = Приглашение отправлено на { $email }.
nr-user-invitation-not-sent = Учётная запись создана, но приглашение на { $email } отправить не удалось. Проверьте настройки почты и отправьте его ещё раз.
mail-staff_invitation-subject = Приглашение в { $site_name }
mail-staff_invitation-text = { $inviter } приглашает вас работать в редакции { $site }. Перейдите по ссылке, чтобы выбрать пароль:
mail-staff_invitation-button = Выбрать пароль
mail-staff_invitation-expiry = { $count ->
    [one] Ссылка действует { $count } день, один раз.
    [few] Ссылка действует { $count } дня, один раз.
   *[other] Ссылка действует { $count } дней, один раз.
}
