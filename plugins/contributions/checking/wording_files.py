"""What contributors read about a file as a whole: reading it, its YAML, its links to other files."""

FILE_MESSAGES = {
    # the file itself
    "file_too_large": (
        "the file weighs {size_kb} KB, more than the {limit_kb} KB allowed; put pictures and recordings in "
        "their own files"
    ),
    "not_utf8": (
        "the file is not saved as UTF-8 text; open it in a text editor and save it again choosing the UTF-8 encoding"
    ),
    "character_refused": (
        "the file holds an invisible character that is not text ({character}) on this line, and that no page, "
        "feed or calendar can show; delete it (it often comes with a copy from a word processor or a PDF: "
        "retype the text around it)"
    ),
    "too_many_fields": (
        "{found} fields here, more than the {limit} any contribution needs; keep only the fields of the contribute page"
    ),
    "too_many_items": "a list of {found} items, more than the {limit} a page can show; keep the most important ones",
    "build_left_out": (
        "{files} file(s) left out of the site, for the reasons above; the build fails because KIOSQUE_STRICT "
        "is set (make check lists them too)"
    ),
    "file_empty": "the file is empty; copy the example of its kind from the contribute page and fill it in",
    "front_matter_missing": (
        "the file must start with a line '---', then the fields, then another '---' line, then the description"
    ),
    "front_matter_unclosed": (
        "the block of fields opened by '---' on line 1 is never closed; add a line '---' after the last field"
    ),
    "yaml_syntax": (
        "the fields cannot be read here{problem}; check the indentation, and put text containing ':' or '#' "
        "between quotes"
    ),
    "yaml_problem_colon": " (a ': ' that does not start a field)",
    "yaml_problem_tab": " (a tab: indent with spaces)",
    "yaml_problem_indent": " (the indentation does not match the lines above)",
    "yaml_problem_unclosed": " (a quote or a bracket is opened and never closed)",
    "yaml_problem_nesting": " (too many levels of brackets or indentation)",
    "yaml_problem_quote_single": (
        " (an apostrophe inside a text between ' quotes: put the text between \" quotes instead)"
    ),
    "yaml_problem_quote_double": ' (a " inside a text between " quotes: put the text between \' quotes instead)',
    "yaml_problem_links_in_brackets": (
        " (web addresses in a [ ] list must be between quotes; or write one per line, starting with '- ')"
    ),
    "yaml_problem_tag": " (a '!' that starts a YAML tag)",
    "yaml_alias": "anchors and aliases (&name, *name) are not accepted; write the value out in full",
    "not_a_mapping": "expected fields written as 'name: value', one per line",
    "duplicate_field": "this field is written twice (lines {first} and {second}); keep only one",
    "unpublished": (
        "note: the description holds {what}, which is removed when the page is published; put a picture in "
        "'image' and a video as a plain link"
    ),
    "html_script": "a script (<script>)",
    "html_style": "a style sheet (<style>)",
    "html_iframe": "an embedded frame (<iframe>)",
    "html_object": "an embedded object (<object>)",
    "html_embed": "an embedded object (<embed>)",
    "html_img": "a picture (<img>)",
    "html_form": "a form (<form>)",
    "html_svg": "a drawing (<svg>)",
    "html_video": "a video player (<video>)",
    "html_audio": "a sound player (<audio>)",
    "html_handler": "an HTML event attribute (on...=)",
    "html_javascript": "a javascript: link",
    "html_picture": "a picture written ![...](...)",
    "too_many_brackets": (
        "the description holds {found} '[' (at most {limit}): in Markdown '[' starts a link; remove the extra ones"
    ),
    "too_many_tags": (
        "the text holds {found} '<' followed by a letter (at most {limit}): in Markdown each one starts an "
        "HTML tag or an address; remove the extra ones"
    ),
    "markdown_too_long": (
        "the text is {found} characters long, more than the {limit} a page can hold; shorten it, or split it "
        "into several contributions"
    ),
    "markdown_paragraph_too_long": (
        "a paragraph of {found} characters starts here (at most {limit}); separate the paragraphs with an empty line"
    ),
    "markdown_too_deep": (
        "lists, quotes or indentation go more than {limit} levels deep here; keep fewer levels inside one another"
    ),
    "comment_cut": (
        "the text after '#' is dropped ('{dropped}'), as '#' starts a comment; put the whole value between quotes"
    ),
    "file_name": (
        "the name '{found}' becomes part of a web address: rename it '{suggestion}' (lowercase letters "
        "without accents, digits and dashes)"
    ),
    "file_name_fallback": "name",  # the suggestion when a name has no letter or digit to keep
    "misplaced": (
        "this file is outside the contribution folders, so it is not published; move it to "
        "content/events/YEAR/, content/places/, content/playlists/NAME/ or content/stories/NAME/{suggestion}"
    ),
    "media_outside": (
        "pictures and recordings go in content/{folders}: '{found}' is not published from there; move the "
        "file and correct the path"
    ),
    "image_remote": (
        "a picture must be a file of the site (images/...), not a web address: loading it from another site "
        "would let that site follow readers; download it into content/images/"
    ),
    "file_unexpected": "kiosque does not know what to do with this file; {expected}",
    "file_unreadable": (
        "this file cannot be read (a link to a missing file, or no permission to read it); replace it with a "
        "plain text file"
    ),
    "file_not_found": "there is no such file; check the path",
    "not_a_contribution": (
        "this file is not a contribution: contributions live in content/events, content/places, "
        "content/playlists and content/stories"
    ),
    "expected_event_file": "an event is a .md file in content/events/YEAR/",
    "expected_place_file": "a place is a .yaml file in content/places/",
    "expected_playlist_file": (
        "a playlist is a folder content/playlists/NAME/ with an index.md and one .yaml file per track"
    ),
    "expected_story_file": (
        "a story collection is a folder content/stories/NAME/ with an index.md and one .md file per story"
    ),
    "expected_source_file": "a partner calendar is a .yaml file in content/sources/",
    # links between files
    "place_unknown": (
        "there is no place '{found}' in content/places/; create content/places/{found}.yaml, or give a name "
        "and address{suggestion}"
    ),
    "place_known": (
        "note: '{found}' looks like the place content/places/{slug}.yaml; write 'place: {slug}' to link the "
        "event to its page and map"
    ),
    "place_broken": "the place '{found}' has problems of its own (content/places/{found}.yaml); fix that file first",
    "playlist_unknown": (
        "this track's folder has no playlist: add content/playlists/{found}/index.md, or move the track to an "
        "existing playlist"
    ),
    "playlist_broken": (
        "the playlist '{found}' has problems of its own (content/playlists/{found}/index.md); fix that file first"
    ),
    "collection_unknown": (
        "this story's folder has no collection: add content/stories/{found}/index.md, or move the story to an "
        "existing collection"
    ),
    "collection_broken": (
        "the collection '{found}' has problems of its own (content/stories/{found}/index.md); fix that file first"
    ),
    "translation_unknown": (
        "there is no {kind} '{found}' to translate; give the file name (without .md) of the original{suggestion}"
    ),
    "translation_same_language": (
        "a translation must be in another language than its original ('{found}' is also in {other_language}); "
        "set 'language'"
    ),
    "story_language_unlisted": (
        "this story is told in '{found}', which its collection does not list ({allowed}); add '{found}' to "
        "'languages' in content/stories/{collection}/index.md, or correct 'language'"
    ),
    "playlist_closed": (
        "the playlist '{found}' is closed to new tracks; choose an open playlist (see the playlists page)"
    ),
    "track_duplicate": (
        "this song is already in the playlist ({other}); choose another one, or add your note to that file"
    ),
    "slug_duplicate": "another file has the same name: {other}; rename one of them",
    # an event imported from a partner calendar (its 'source' block, written by make import)
    "source_unknown": (
        "there is no partner calendar '{found}' in content/sources/; the 'source' block is written by make import: "
        "write back the name it gave, or remove the block to make the event an ordinary one{suggestion}"
    ),
    "source_uid_duplicate": (
        "another file already holds this event of the partner calendar '{partner}': {other}; keep only one of them"
    ),
    # the summary
    "summary_problems": "{problems} problem(s) in {files} file(s), out of {checked} checked",
    "summary_notes": "{notes} note(s) about what publishing will change",
    "summary_ok": "{checked} file(s) checked, no problem found",
    "kind_event": "event",
    "kind_story": "story",
    # links (symlinks) and the files of content/images and content/media (static_files)
    "symlink_file": (
        "this file is a link (symlink) to another file: kiosque never follows links, so it is neither read "
        "nor published; replace the link by the file itself"
    ),
    "symlink_folder": (
        "this folder is a link (symlink) to another folder: kiosque never follows links, so nothing in it is "
        "read or published; replace the link by the folder itself and its files"
    ),
    "static_refused": (
        "this file holds {found}, which is not published: only pictures ({pictures}) and recordings "
        "({recordings}) are; save it in one of these formats, or remove it"
    ),
    "static_svg": (
        "an SVG drawing is not published, as it can hold a script that would run on the site; export it as a "
        "PNG picture (.png)"
    ),
    "static_rename": "this file holds {found} but its name does not end in '.{right}'; rename it so that it does",
    "static_mismatch": (
        "the file's name ends in '.{extension}', which promises {expected}, but it holds {found}; replace it "
        "by a real .{extension} file, or remove it"
    ),
    "static_damaged": (
        "the file cannot be read as {expected} (it is damaged, or was cut short when copied); export it again "
        "from the original"
    ),
    "static_huge": (
        "this picture has more than {limit} million pixels, far too many for a web page; make it smaller "
        "(2000 pixels wide is plenty)"
    ),
    "static_heavy": (
        "this picture weighs {size_mb} MB, more than the {limit_mb} MB a picture may weigh here; export it "
        "again smaller (2000 pixels wide is plenty: the site makes lighter copies for phones itself)"
    ),
    "picture_cmyk": (
        "note: this picture is in CMYK colours, made for printing; the site publishes it converted to screen "
        "colours (sRGB): check that they look right, or export it again in RGB"
    ),
    "picture_16_bits": (
        "note: this picture has 16 bits per colour; the site publishes it with 8, as screens show them"
    ),
    "picture_animated": (
        "note: this picture is animated; the site publishes its first image only (pages show no animation)"
    ),
    "static_unreadable": (
        "this file cannot be read (no permission to read it, or not an ordinary file); replace it by the "
        "picture or recording itself"
    ),
    "found_picture": "a picture in {format} format",
    "found_recording": "a recording in {format} format",
    "found_html": "a web page (HTML)",
    "found_svg": "an SVG drawing",
    "found_xml": "an XML document",
    "found_pdf": "a PDF document",
    "found_zip": "a ZIP archive (or an office document)",
    "found_text": "text",
    "found_empty": "nothing (the file is empty)",
    "found_other": "something that is neither a picture nor a recording",
    # a story collection's podcast, as Apple Podcasts judges it (podcast_notes)
    "podcast_cover_missing": (
        "note: this collection has recordings, so it has a podcast, but no cover: Apple Podcasts refuses a "
        "podcast without one; add a cover, a square picture of 1400 to 3000 pixels if you can"
    ),
    "podcast_recording_refused": (
        "note: Apple Podcasts only takes MP3 (.mp3) and M4A (.m4a) recordings, and the build cannot convert "
        "{format}: other podcast apps get this episode, Apple Podcasts will not; export the recording as MP3 "
        "or M4A"
    ),
}
