"""What contributors read about a file as a whole: reading it, its YAML, its links to other files."""

FILE_MESSAGES = {
    # the file itself
    "file_too_large": {
        "en": "the file weighs {size_kb} KB, more than the {limit_kb} KB allowed; put pictures and recordings in their own files",
        "fr": "le fichier pèse {size_kb} Ko, plus que les {limit_kb} Ko permis ; mettez images et enregistrements dans des fichiers à part",
    },
    "not_utf8": {
        "en": "the file is not saved as UTF-8 text; open it in a text editor and save it again choosing the UTF-8 encoding",
        "fr": "le fichier n'est pas enregistré en texte UTF-8 ; ouvrez-le dans un éditeur de texte et réenregistrez-le en choisissant l'encodage UTF-8",
    },
    "character_refused": {
        "en": "the file holds an invisible character that is not text ({character}) on this line, and that no page, feed or calendar can show; "
        "delete it (it often comes with a copy from a word processor or a PDF: retype the text around it)",
        "fr": "le fichier contient un caractère invisible qui n'est pas du texte ({character}) sur cette ligne, et qu'aucune page, aucun flux ni agenda ne peut montrer ; "
        "supprimez-le (il vient souvent d'un copier-coller depuis un traitement de texte ou un PDF : retapez le texte autour)",
    },
    "too_many_fields": {
        "en": "{found} fields here, more than the {limit} any contribution needs; keep only the fields of the contribute page",
        "fr": "{found} champs ici, plus que les {limit} dont une contribution a besoin ; ne gardez que les champs de la page « Contribuer »",
    },
    "too_many_items": {
        "en": "a list of {found} items, more than the {limit} a page can show; keep the most important ones",
        "fr": "une liste de {found} éléments, plus que les {limit} qu'une page peut montrer ; gardez les plus importants",
    },
    "build_left_out": {
        "en": "{files} file(s) left out of the site, for the reasons above; the build fails because KIOSQUE_STRICT is set (make check lists them too)",
        "fr": "{files} fichier(s) laissé(s) hors du site, pour les raisons ci-dessus ; la construction échoue car KIOSQUE_STRICT est activé (make check les liste aussi)",
    },
    "file_empty": {
        "en": "the file is empty; copy the example of its kind from the contribute page and fill it in",
        "fr": "le fichier est vide ; copiez l'exemple de son type depuis la page « Contribuer » et complétez-le",
    },
    "front_matter_missing": {
        "en": "the file must start with a line '---', then the fields, then another '---' line, then the description",
        "fr": "le fichier doit commencer par une ligne '---', puis les champs, puis une autre ligne '---', puis la description",
    },
    "front_matter_unclosed": {
        "en": "the block of fields opened by '---' on line 1 is never closed; add a line '---' after the last field",
        "fr": "le bloc de champs ouvert par '---' à la ligne 1 n'est jamais fermé ; ajoutez une ligne '---' après le dernier champ",
    },
    "yaml_syntax": {
        "en": "the fields cannot be read here{problem}; check the indentation, and put text containing ':' or '#' between quotes",
        "fr": "les champs ne peuvent pas être lus ici{problem} ; vérifiez l'indentation, et mettez entre guillemets un texte contenant ':' ou '#'",
    },
    "yaml_problem_colon": {
        "en": " (a ': ' that does not start a field)",
        "fr": " (un « : » qui ne commence pas un champ)",
    },
    "yaml_problem_tab": {"en": " (a tab: indent with spaces)", "fr": " (une tabulation : indentez avec des espaces)"},
    "yaml_problem_indent": {
        "en": " (the indentation does not match the lines above)",
        "fr": " (l'indentation ne correspond pas aux lignes du dessus)",
    },
    "yaml_problem_unclosed": {
        "en": " (a quote or a bracket is opened and never closed)",
        "fr": " (un guillemet ou un crochet est ouvert sans être fermé)",
    },
    "yaml_problem_nesting": {
        "en": " (too many levels of brackets or indentation)",
        "fr": " (trop de niveaux de crochets ou d'indentation)",
    },
    "yaml_problem_quote_single": {
        "en": " (an apostrophe inside a text between ' quotes: put the text between \" quotes instead)",
        "fr": " (une apostrophe dans un texte entre guillemets ' : mettez plutôt le texte entre guillemets \")",
    },
    "yaml_problem_quote_double": {
        "en": ' (a " inside a text between " quotes: put the text between \' quotes instead)',
        "fr": ' (un " dans un texte entre guillemets " : mettez plutôt le texte entre guillemets \')',
    },
    "yaml_problem_links_in_brackets": {
        "en": " (web addresses in a [ ] list must be between quotes; or write one per line, starting with '- ')",
        "fr": " (des adresses web dans une liste [ ] doivent être entre guillemets ; ou écrivez-en une par ligne, commençant par « - »)",
    },
    "yaml_problem_tag": {
        "en": " (a '!' that starts a YAML tag)",
        "fr": " (un « ! » qui commence une étiquette YAML)",
    },
    "yaml_alias": {
        "en": "anchors and aliases (&name, *name) are not accepted; write the value out in full",
        "fr": "les ancres et alias (&nom, *nom) ne sont pas acceptés ; écrivez la valeur en entier",
    },
    "not_a_mapping": {
        "en": "expected fields written as 'name: value', one per line",
        "fr": "les champs doivent être écrits sous la forme 'nom: valeur', un par ligne",
    },
    "duplicate_field": {
        "en": "this field is written twice (lines {first} and {second}); keep only one",
        "fr": "ce champ est écrit deux fois (lignes {first} et {second}) ; n'en gardez qu'un",
    },
    "unpublished": {
        "en": "note: the description holds {what}, which is removed when the page is published; put a picture in 'image' and a video as a plain link",
        "fr": "remarque : la description contient {what}, qui est retiré à la publication ; mettez une image dans 'image' et une vidéo sous forme de simple lien",
    },
    "html_script": {"en": "a script (<script>)", "fr": "un script (<script>)"},
    "html_style": {"en": "a style sheet (<style>)", "fr": "une feuille de style (<style>)"},
    "html_iframe": {"en": "an embedded frame (<iframe>)", "fr": "un cadre intégré (<iframe>)"},
    "html_object": {"en": "an embedded object (<object>)", "fr": "un objet intégré (<object>)"},
    "html_embed": {"en": "an embedded object (<embed>)", "fr": "un objet intégré (<embed>)"},
    "html_img": {"en": "a picture (<img>)", "fr": "une image (<img>)"},
    "html_form": {"en": "a form (<form>)", "fr": "un formulaire (<form>)"},
    "html_svg": {"en": "a drawing (<svg>)", "fr": "un dessin (<svg>)"},
    "html_video": {"en": "a video player (<video>)", "fr": "un lecteur vidéo (<video>)"},
    "html_audio": {"en": "a sound player (<audio>)", "fr": "un lecteur audio (<audio>)"},
    "html_handler": {"en": "an HTML event attribute (on...=)", "fr": "un attribut d'événement HTML (on...=)"},
    "html_javascript": {"en": "a javascript: link", "fr": "un lien javascript:"},
    "html_picture": {"en": "a picture written ![...](...)", "fr": "une image écrite ![...](...)"},
    "too_many_brackets": {
        "en": "the description holds {found} '[' (at most {limit}): in Markdown '[' starts a link; remove the extra ones",
        "fr": "la description contient {found} '[' (au plus {limit}) : en Markdown '[' commence un lien ; retirez ceux en trop",
    },
    "too_many_tags": {
        "en": "the text holds {found} '<' followed by a letter (at most {limit}): in Markdown each one starts an HTML tag or an address; remove the extra ones",
        "fr": "le texte contient {found} '<' suivis d'une lettre (au plus {limit}) : en Markdown chacun commence une balise HTML ou une adresse ; retirez ceux en trop",
    },
    "markdown_too_long": {
        "en": "the text is {found} characters long, more than the {limit} a page can hold; shorten it, or split it into several contributions",
        "fr": "le texte fait {found} caractères, plus que les {limit} qu'une page peut contenir ; raccourcissez-le, ou partagez-le en plusieurs contributions",
    },
    "markdown_paragraph_too_long": {
        "en": "a paragraph of {found} characters starts here (at most {limit}); separate the paragraphs with an empty line",
        "fr": "un paragraphe de {found} caractères commence ici (au plus {limit}) ; séparez les paragraphes par une ligne vide",
    },
    "markdown_too_deep": {
        "en": "lists, quotes or indentation go more than {limit} levels deep here; keep fewer levels inside one another",
        "fr": "listes, citations ou retraits s'imbriquent ici sur plus de {limit} niveaux ; gardez moins de niveaux les uns dans les autres",
    },
    "comment_cut": {
        "en": "the text after '#' is dropped ('{dropped}'), as '#' starts a comment; put the whole value between quotes",
        "fr": "le texte après '#' est perdu ('{dropped}'), car '#' commence un commentaire ; mettez toute la valeur entre guillemets",
    },
    "file_name": {
        "en": "the name '{found}' becomes part of a web address: rename it '{suggestion}' (lowercase letters without accents, digits and dashes)",
        "fr": "le nom '{found}' fait partie d'une adresse web : renommez-le '{suggestion}' (minuscules sans accent, chiffres et tirets)",
    },
    "misplaced": {
        "en": "this file is outside the contribution folders, so it is not published; move it to content/events/YEAR/, content/places/, content/playlists/NAME/ or content/stories/NAME/{suggestion}",
        "fr": "ce fichier est hors des dossiers de contributions, il n'est donc pas publié ; déplacez-le dans content/events/ANNÉE/, content/places/, content/playlists/NOM/ ou content/stories/NOM/{suggestion}",
    },
    "media_outside": {
        "en": "pictures and recordings go in content/{folders}: '{found}' is not published from there; move the file and correct the path",
        "fr": "images et enregistrements vont dans content/{folders} : '{found}' n'est pas publié depuis là ; déplacez le fichier et corrigez le chemin",
    },
    "image_remote": {
        "en": "a picture must be a file of the site (images/...), not a web address: loading it from another site would let that site follow readers; download it into content/images/",
        "fr": "une image doit être un fichier du site (images/...), pas une adresse web : la charger depuis un autre site permettrait à ce site de suivre les lecteurs ; téléchargez-la dans content/images/",
    },
    "file_unexpected": {
        "en": "kiosque does not know what to do with this file; {expected}",
        "fr": "kiosque ne sait pas quoi faire de ce fichier ; {expected}",
    },
    "file_unreadable": {
        "en": "this file cannot be read (a link to a missing file, or no permission to read it); replace it with a plain text file",
        "fr": "ce fichier ne peut pas être lu (un lien vers un fichier absent, ou pas le droit de le lire) ; remplacez-le par un simple fichier texte",
    },
    "file_not_found": {
        "en": "there is no such file; check the path",
        "fr": "ce fichier n'existe pas ; vérifiez le chemin",
    },
    "not_a_contribution": {
        "en": "this file is not a contribution: contributions live in content/events, content/places, content/playlists and content/stories",
        "fr": "ce fichier n'est pas une contribution : les contributions sont dans content/events, content/places, content/playlists et content/stories",
    },
    "expected_event_file": {
        "en": "an event is a .md file in content/events/YEAR/",
        "fr": "un événement est un fichier .md dans content/events/ANNÉE/",
    },
    "expected_place_file": {
        "en": "a place is a .yaml file in content/places/",
        "fr": "un lieu est un fichier .yaml dans content/places/",
    },
    "expected_playlist_file": {
        "en": "a playlist is a folder content/playlists/NAME/ with an index.md and one .yaml file per track",
        "fr": "une playlist est un dossier content/playlists/NOM/ avec un index.md et un fichier .yaml par morceau",
    },
    "expected_story_file": {
        "en": "a story collection is a folder content/stories/NAME/ with an index.md and one .md file per story",
        "fr": "une collection de récits est un dossier content/stories/NOM/ avec un index.md et un fichier .md par récit",
    },
    # links between files
    "place_unknown": {
        "en": "there is no place '{found}' in content/places/; create content/places/{found}.yaml, or give a name and address{suggestion}",
        "fr": "il n'y a pas de lieu '{found}' dans content/places/ ; créez content/places/{found}.yaml, ou donnez un nom et une adresse{suggestion}",
    },
    "place_known": {
        "en": "note: '{found}' looks like the place content/places/{slug}.yaml; write 'place: {slug}' to link the event to its page and map",
        "fr": "remarque : '{found}' ressemble au lieu content/places/{slug}.yaml ; écrivez 'place: {slug}' pour relier l'événement à sa page et à la carte",
    },
    "place_broken": {
        "en": "the place '{found}' has problems of its own (content/places/{found}.yaml); fix that file first",
        "fr": "le lieu '{found}' a lui-même des problèmes (content/places/{found}.yaml) ; corrigez d'abord ce fichier",
    },
    "playlist_unknown": {
        "en": "this track's folder has no playlist: add content/playlists/{found}/index.md, or move the track to an existing playlist",
        "fr": "le dossier de ce morceau n'a pas de playlist : ajoutez content/playlists/{found}/index.md, ou déplacez le morceau dans une playlist existante",
    },
    "playlist_broken": {
        "en": "the playlist '{found}' has problems of its own (content/playlists/{found}/index.md); fix that file first",
        "fr": "la playlist '{found}' a elle-même des problèmes (content/playlists/{found}/index.md) ; corrigez d'abord ce fichier",
    },
    "collection_unknown": {
        "en": "this story's folder has no collection: add content/stories/{found}/index.md, or move the story to an existing collection",
        "fr": "le dossier de ce récit n'a pas de collection : ajoutez content/stories/{found}/index.md, ou déplacez le récit dans une collection existante",
    },
    "collection_broken": {
        "en": "the collection '{found}' has problems of its own (content/stories/{found}/index.md); fix that file first",
        "fr": "la collection '{found}' a elle-même des problèmes (content/stories/{found}/index.md) ; corrigez d'abord ce fichier",
    },
    "translation_unknown": {
        "en": "there is no {kind} '{found}' to translate; give the file name (without .md) of the original{suggestion}",
        "fr": "il n'y a pas de {kind} '{found}' à traduire ; donnez le nom du fichier original (sans .md){suggestion}",
    },
    "translation_same_language": {
        "en": "a translation must be in another language than its original ('{found}' is also in {other_language}); set 'language'",
        "fr": "une traduction doit être dans une autre langue que l'original ('{found}' est aussi en {other_language}) ; précisez 'language'",
    },
    "story_language_unlisted": {
        "en": "this story is told in '{found}', which its collection does not list ({allowed}); add '{found}' to 'languages' in content/stories/{collection}/index.md, or correct 'language'",
        "fr": "ce récit est raconté en '{found}', langue que sa collection ne cite pas ({allowed}) ; ajoutez '{found}' à 'languages' dans content/stories/{collection}/index.md, ou corrigez 'language'",
    },
    "playlist_closed": {
        "en": "the playlist '{found}' is closed to new tracks; choose an open playlist (see the playlists page)",
        "fr": "la playlist '{found}' n'accepte plus de morceaux ; choisissez une playlist ouverte (voir la page des playlists)",
    },
    "track_duplicate": {
        "en": "this song is already in the playlist ({other}); choose another one, or add your note to that file",
        "fr": "ce morceau est déjà dans la playlist ({other}) ; choisissez-en un autre, ou ajoutez votre mot dans ce fichier",
    },
    "slug_duplicate": {
        "en": "another file has the same name: {other}; rename one of them",
        "fr": "un autre fichier porte le même nom : {other} ; renommez l'un des deux",
    },
    # the summary
    "summary_problems": {
        "en": "{problems} problem(s) in {files} file(s), out of {checked} checked",
        "fr": "{problems} problème(s) dans {files} fichier(s), sur {checked} vérifié(s)",
    },
    "summary_notes": {
        "en": "{notes} note(s) about what publishing will change",
        "fr": "{notes} remarque(s) sur ce que la publication va changer",
    },
    "summary_ok": {
        "en": "{checked} file(s) checked, no problem found",
        "fr": "{checked} fichier(s) vérifié(s), aucun problème",
    },
    "kind_event": {"en": "event", "fr": "événement"},
    "kind_story": {"en": "story", "fr": "récit"},
    # links (symlinks) and the files of content/images and content/media (static_files)
    "symlink_file": {
        "en": "this file is a link (symlink) to another file: kiosque never follows links, so it is neither read nor published; replace the link by the file itself",
        "fr": "ce fichier est un lien (lien symbolique) vers un autre fichier : kiosque ne suit jamais les liens, il n'est donc ni lu ni publié ; remplacez le lien par le fichier lui-même",
    },
    "symlink_folder": {
        "en": "this folder is a link (symlink) to another folder: kiosque never follows links, so nothing in it is read or published; replace the link by the folder itself and its files",
        "fr": "ce dossier est un lien (lien symbolique) vers un autre dossier : kiosque ne suit jamais les liens, rien de ce qu'il contient n'est donc lu ni publié ; remplacez le lien par le dossier lui-même et ses fichiers",
    },
    "static_refused": {
        "en": "this file holds {found}, which is not published: only pictures ({pictures}) and recordings ({recordings}) are; save it in one of these formats, or remove it",
        "fr": "ce fichier contient {found}, qui n'est pas publié : seuls les images ({pictures}) et les enregistrements ({recordings}) le sont ; enregistrez-le dans l'un de ces formats, ou retirez-le",
    },
    "static_svg": {
        "en": "an SVG drawing is not published, as it can hold a script that would run on the site; export it as a PNG picture (.png)",
        "fr": "un dessin SVG n'est pas publié, car il peut contenir un script qui s'exécuterait sur le site ; exportez-le en image PNG (.png)",
    },
    "static_rename": {
        "en": "this file holds {found} but its name does not end in '.{right}'; rename it so that it does",
        "fr": "ce fichier contient {found} mais son nom ne se termine pas par '.{right}' ; renommez-le ainsi",
    },
    "static_mismatch": {
        "en": "the file's name ends in '.{extension}', which promises {expected}, but it holds {found}; replace it by a real .{extension} file, or remove it",
        "fr": "le nom du fichier se termine par '.{extension}', ce qui annonce {expected}, mais il contient {found} ; remplacez-le par un vrai fichier .{extension}, ou retirez-le",
    },
    "static_damaged": {
        "en": "the file cannot be read as {expected} (it is damaged, or was cut short when copied); export it again from the original",
        "fr": "le fichier ne peut pas être lu comme {expected} (il est abîmé, ou a été tronqué à la copie) ; exportez-le à nouveau depuis l'original",
    },
    "static_huge": {
        "en": "this picture has more than {limit} million pixels, far too many for a web page; make it smaller (2000 pixels wide is plenty)",
        "fr": "cette image a plus de {limit} millions de pixels, bien trop pour une page web ; réduisez-la (2000 pixels de large suffisent)",
    },
    "static_unreadable": {
        "en": "this file cannot be read (no permission to read it, or not an ordinary file); replace it by the picture or recording itself",
        "fr": "ce fichier ne peut pas être lu (pas le droit de le lire, ou ce n'est pas un fichier ordinaire) ; remplacez-le par l'image ou l'enregistrement lui-même",
    },
    "found_picture": {"en": "a picture in {format} format", "fr": "une image au format {format}"},
    "found_recording": {"en": "a recording in {format} format", "fr": "un enregistrement au format {format}"},
    "found_html": {"en": "a web page (HTML)", "fr": "une page web (HTML)"},
    "found_svg": {"en": "an SVG drawing", "fr": "un dessin SVG"},
    "found_xml": {"en": "an XML document", "fr": "un document XML"},
    "found_pdf": {"en": "a PDF document", "fr": "un document PDF"},
    "found_zip": {"en": "a ZIP archive (or an office document)", "fr": "une archive ZIP (ou un document bureautique)"},
    "found_text": {"en": "text", "fr": "du texte"},
    "found_empty": {"en": "nothing (the file is empty)", "fr": "rien (le fichier est vide)"},
    "found_other": {
        "en": "something that is neither a picture nor a recording",
        "fr": "autre chose qu'une image ou un enregistrement",
    },
    # a story collection's podcast, as Apple Podcasts judges it (podcast_notes)
    "podcast_cover_missing": {
        "en": "note: this collection has recordings, so it has a podcast, but no cover: Apple Podcasts refuses a podcast without one; add a cover, a square picture of 1400 to 3000 pixels if you can",
        "fr": "remarque : cette collection a des enregistrements, donc un podcast, mais pas de couverture : Apple Podcasts refuse un podcast sans couverture ; ajoutez une couverture, une image carrée de 1400 à 3000 pixels si possible",
    },
    "podcast_recording_refused": {
        "en": "note: Apple Podcasts only takes MP3 (.mp3) and M4A (.m4a) recordings, and the build cannot convert {format}: other podcast apps get this episode, Apple Podcasts will not; export the recording as MP3 or M4A",
        "fr": "remarque : Apple Podcasts n'accepte que les enregistrements MP3 (.mp3) et M4A (.m4a), et la construction du site ne sait pas convertir le format {format} : les autres applications de podcast auront cet épisode, pas Apple Podcasts ; exportez l'enregistrement en MP3 ou en M4A",
    },
}
